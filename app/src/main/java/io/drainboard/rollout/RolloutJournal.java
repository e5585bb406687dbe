package io.drainboard.rollout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.audit.DataDirectory;
import io.drainboard.audit.JsonLines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rollout journals: one JSON-lines file per rollout under {@code <data dir>/rollouts/}. Every step is
 * written (and forced to disk) before it is taken and again once it is done; each line carries the whole
 * {@link RolloutMemory}, so the last line is where the rollout stands and a console started later resumes
 * from it (or cleans up). A step that cannot be journaled is not taken.
 */
public final class RolloutJournal implements AutoCloseable {
    /** One line: what happened, when, and the rollout's memory after it. */
    public record Line(long seq, Instant at, String event) {
    }

    static final ObjectMapper JSON = mapper();
    private final Path directory;
    private final List<JournalClaim> claims = new ArrayList<>();

    public RolloutJournal(Path directory) {
        this.directory = directory;
    }

    /** The journals of this machine's consoles: {@code <data dir>/rollouts}. */
    public static RolloutJournal standard() {
        return new RolloutJournal(DataDirectory.resolve().resolve("rollouts"));
    }

    public Path directory() {
        return directory;
    }

    Path file(String id) {
        return directory.resolve(id + ".jsonl");
    }

    synchronized void record(RolloutMemory m, Instant at, String event) {
        try {
            Files.createDirectories(directory);
            Path f = file(m.id);
            long seq = Files.exists(f) ? lineCount(f) + 1 : 1;
            boolean torn = Files.exists(f) && Files.size(f) > 0 && !endsWithNewline(f);
            ObjectNode line = JSON.createObjectNode();
            line.put("seq", seq);
            line.put("at", at.toString());
            line.put("event", event);
            line.set("memory", JSON.valueToTree(m));
            // A line cut short by a crash is closed first, so it stays one unreadable line, not two spoiled ones.
            byte[] bytes = ((torn ? "\n" : "") + JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            JsonLines.appendDurably(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rollout journal in " + directory + " (" + e.getMessage()
                    + "); the step was not taken. Free disk space or fix permissions there, then resume.", e);
        }
    }

    /**
     * This engine's hold on the service's rollouts in this directory, for as long as it drives one: a second
     * engine (another process on this data directory, or another engine of this one) is refused.
     *
     * @throws RolloutRefused when another engine holds it, or the directory cannot be written
     */
    synchronized JournalClaim claim(String serviceKey, String proc, String holder) {
        JournalClaim c = JournalClaim.take(directory, serviceKey, proc, holder);
        claims.add(c);
        return c;
    }

    /**
     * Can a rollout journal be written here? Empty if so; else the one-line reason, for the preflight (a rollout
     * whose journal cannot be written would have to stop at its first step).
     */
    public Optional<String> writable() {
        return writable(directory);
    }

    /** As {@link #writable()}, for any directory Drainboard writes (the audit log's). */
    static Optional<String> writable(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe-", ".tmp");
            try {
                JsonLines.appendDurably(probe, "{}\n".getBytes(StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(probe);
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.of(directory + " cannot be written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** The process is going away: its claims are released (as the OS does for a process that dies). */
    @Override
    public synchronized void close() {
        claims.forEach(JournalClaim::close);
        claims.clear();
    }

    /** The rollout's memory as its last journal line left it. */
    Optional<RolloutMemory> load(String id) {
        Path f = file(id);
        if (!Files.exists(f)) return Optional.empty();
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i);
                if (l.isBlank()) continue;
                try {
                    JsonNode n = JSON.readTree(l);
                    return Optional.of(JSON.treeToValue(n.get("memory"), RolloutMemory.class));
                } catch (IOException torn) {
                    // A line cut short by a crash mid-write: the one before it is the last complete state.
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rollout journal " + f + ": " + e.getMessage(), e);
        }
    }

    /** What a journaled rollout deploys, and how (its settings are kept for the resumed run). */
    public RolloutSpec spec(String id) {
        return load(id).map(m -> m.spec).orElseThrow(() -> new IllegalArgumentException("no rollout journal " + id
                + " in " + directory));
    }

    /** What was journaled for one rollout, oldest first. */
    public List<Line> lines(String id) {
        List<Line> out = new ArrayList<>();
        Path f = file(id);
        if (!Files.exists(f)) return out;
        try {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (l.isBlank()) continue;
                try {
                    JsonNode n = JSON.readTree(l);
                    out.add(new Line(n.get("seq").asLong(), Instant.parse(n.get("at").asText()), n.get("event").asText()));
                } catch (IOException torn) {
                    // skipped: see load
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rollout journal " + f + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Ids of the rollouts whose journal does not end in COMPLETED or STOPPED, newest first. */
    public List<String> unfinished() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) return out;
        try (var s = Files.list(directory)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
            for (Path p : files) {
                String id = p.getFileName().toString().replaceFirst("\\.jsonl$", "");
                load(id).filter(m -> !m.ended()).ifPresent(m -> out.add(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rollout journals in " + directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The unfinished rollout of a service ("cluster/service"), if this machine has one. */
    public Optional<String> unfinishedFor(String serviceKey) {
        for (String id : unfinished()) {
            if (load(id).map(m -> m.spec.serviceKey().equals(serviceKey)).orElse(false)) return Optional.of(id);
        }
        return Optional.empty();
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static long lineCount(Path f) throws IOException {
        try (var s = Files.lines(f, StandardCharsets.UTF_8)) {
            return s.filter(l -> !l.isBlank()).count();
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().registerModule(JsonLines.timeModule());
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return m;
    }
}

package io.drainboard.audit;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit log: JSON lines, one file per month under {@code <data dir>/audit/}. Every mutating action
 * is written (and forced to disk) before it is sent, and completed after (docs/operating.md, Audit log). Writing is
 * synchronous on purpose: an action that cannot be audited is not taken.
 */
public final class AuditLog {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper().registerModule(JsonLines.timeModule());
    private final Path directory;
    private final Clock clock;
    private final String operator;
    private final String host;
    private final String profile;

    public AuditLog(Path dataDirectory, Clock clock, String profile) {
        this.directory = dataDirectory.resolve("audit");
        this.clock = clock;
        this.profile = profile;
        this.operator = System.getProperty("user.name", "unknown");
        this.host = hostName();
    }

    /** Where the monthly files are (shown in the audit view). */
    public java.nio.file.Path directory() {
        return directory;
    }

    /** An action about to be taken; {@link Intent#complete} records how it went. */
    public final class Intent {
        private final AuditEntry entry;

        private Intent(AuditEntry entry) {
            this.entry = entry;
        }

        public String id() {
            return entry.id();
        }

        public void complete(String outcome, List<String> details) {
            append(new AuditEntry(entry.id(), AuditEntry.Phase.RESULT, clock.instant(), operator, host, profile,
                    entry.action(), entry.targets(), entry.reason(), entry.parameters(), outcome, details));
        }
    }

    /**
     * Records the intent to act; throws {@link UncheckedIOException} if it cannot be written, in which
     * case the caller must not act.
     */
    public Intent begin(String action, List<String> targets, String reason, Map<String, String> parameters) {
        AuditEntry e = new AuditEntry(UUID.randomUUID().toString(), AuditEntry.Phase.INTENT, clock.instant(), operator,
                host, profile, action, targets, reason == null ? "" : reason, parameters, null, List.of());
        append(e);
        return new Intent(e);
    }

    /** The newest {@code limit} entries of this month's and last month's files, oldest first. */
    public List<AuditEntry> recent(int limit) {
        List<AuditEntry> out = new ArrayList<>();
        try {
            if (!Files.isDirectory(directory)) return out;
            List<Path> files;
            try (var s = Files.list(directory)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            }
            // Newest file first, and only the lines asked for: a month's log is not parsed once a minute.
            for (int i = files.size() - 1; i >= Math.max(0, files.size() - 2) && out.size() < limit; i--) {
                List<AuditEntry> older = new ArrayList<>();
                for (String line : JsonLines.lastLines(files.get(i), limit - out.size())) {
                    older.add(json.readValue(line, AuditEntry.class));
                }
                out.addAll(0, older);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log in " + directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    private synchronized void append(AuditEntry e) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("audit-" + MONTH.format(e.at()) + ".jsonl");
            byte[] line = (json.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
            JsonLines.appendDurably(file, line);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the audit log in " + directory + " (" + ex.getMessage()
                    + "); the action was not taken. Free disk space or fix permissions there.", ex);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}

package io.drainboard.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/** What the audit log and the rollout journal share: JSON lines with ISO-8601 times, each forced to disk. */
public final class JsonLines {
    private JsonLines() {
    }

    /** Instants and durations as ISO-8601 strings ("2026-06-01T12:00:00Z", "PT2M"): greppable by humans at 3 a.m. */
    public static SimpleModule timeModule() {
        return new SimpleModule()
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addDeserializer(Instant.class, parsing(Instant::parse))
                .addSerializer(Duration.class, ToStringSerializer.instance)
                .addDeserializer(Duration.class, parsing(Duration::parse));
    }

    private static <T> JsonDeserializer<T> parsing(java.util.function.Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        };
    }

    /** Appends the bytes and forces them to disk before returning: written before the action it records is taken. */
    public static void appendDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
    }

    /**
     * The last {@code limit} non-blank lines of the file, oldest first, read from its end: the audit view and the
     * history writer want the newest entries of a month's log, which grows to tens of MB on a busy fleet.
     */
    public static List<String> lastLines(Path file, int limit) throws IOException {
        return lastLines(file, limit, 64 * 1024);
    }

    static List<String> lastLines(Path file, int limit, int chunk) throws IOException {
        ArrayDeque<String> lines = new ArrayDeque<>();
        if (limit <= 0) return List.of();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = ch.size();
            byte[] partial = new byte[0];   // the start of a line whose beginning lies further back
            while (lines.size() < limit && (pos > 0 || partial.length > 0)) {
                int n = (int) Math.min(chunk, pos);
                pos -= n;
                byte[] buf = new byte[n + partial.length];
                ByteBuffer into = ByteBuffer.wrap(buf, 0, n);
                while (into.hasRemaining() && ch.read(into, pos + into.position()) >= 0) {
                    // read until the chunk is full
                }
                System.arraycopy(partial, 0, buf, n, partial.length);
                int end = buf.length;
                for (int i = buf.length - 1; i >= 0 && lines.size() < limit; i--) {
                    if (buf[i] == '\n') {
                        add(lines, buf, i + 1, end);
                        end = i;
                    }
                }
                partial = Arrays.copyOfRange(buf, 0, end);
                if (pos == 0) {
                    if (lines.size() < limit) add(lines, partial, 0, partial.length);
                    break;
                }
            }
        }
        return List.copyOf(lines);
    }

    private static void add(ArrayDeque<String> lines, byte[] buf, int from, int to) {
        String line = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (!line.isBlank()) lines.addFirst(line);
    }
}

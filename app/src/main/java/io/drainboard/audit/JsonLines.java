package io.drainboard.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
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
}

package io.drainboard.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

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
                .addSerializer(Instant.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeString(v.toString());
                    }
                })
                .addDeserializer(Instant.class, new JsonDeserializer<>() {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                        return Instant.parse(p.getValueAsString());
                    }
                })
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration v, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeString(v.toString());
                    }
                })
                .addDeserializer(Duration.class, new JsonDeserializer<>() {
                    @Override
                    public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                        return Duration.parse(p.getValueAsString());
                    }
                });
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

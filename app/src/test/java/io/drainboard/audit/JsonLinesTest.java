package io.drainboard.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading the newest lines of a log from its end, whatever the chunk boundaries fall on. */
class JsonLinesTest {

    @Test
    void theLastLinesComeOldestFirstAcrossEveryChunkSize(@TempDir Path dir) throws Exception {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) written.add("{\"n\":" + i + ",\"who\":\"" + "é".repeat(i % 7) + "\"}");
        Path f = dir.resolve("log.jsonl");
        Files.writeString(f, String.join("\n", written) + "\n\n", StandardCharsets.UTF_8);

        for (int chunk : new int[] {1, 2, 3, 7, 16, 64, 1 << 16}) {
            for (int limit : new int[] {1, 5, 39, 40, 100}) {
                List<String> expected = written.subList(Math.max(0, written.size() - limit), written.size());
                assertEquals(expected, JsonLines.lastLines(f, limit, chunk), "chunk " + chunk + ", limit " + limit);
            }
        }
    }

    @Test
    void aLastLineWithoutItsNewlineAndBlankLinesInBetween(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("log.jsonl");
        Files.writeString(f, "a\n\n  \nb\nc", StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b", "c"), JsonLines.lastLines(f, 10, 2));
        assertEquals(List.of("b", "c"), JsonLines.lastLines(f, 2, 3));
        assertEquals(List.of(), JsonLines.lastLines(f, 0, 3));
        Files.writeString(f, "");
        assertEquals(List.of(), JsonLines.lastLines(f, 3, 3));
    }
}

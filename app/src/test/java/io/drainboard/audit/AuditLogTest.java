package io.drainboard.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void anIntentIsOnDiskBeforeTheActionAndItsResultAfter(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir, clock, "prod");
        AuditLog.Intent intent = log.begin("protect", List.of("arn:aws:ecs:us-east-1:1:task/c/abc"), "INC-42",
                Map.of("expiresInMinutes", "120"));
        Path file = dir.resolve("audit").resolve("audit-2026-11.jsonl");
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), "the intent is written before anything is sent");
        assertTrue(lines.get(0).contains("\"phase\":\"INTENT\""), lines.get(0));
        assertTrue(lines.get(0).contains("2026-11-23T03:00:00Z"), lines.get(0));

        intent.complete("ok", List.of("abc: protected until 05:00"));
        List<AuditEntry> entries = log.recent(10);
        assertEquals(2, entries.size());
        AuditEntry begin = entries.get(0), end = entries.get(1);
        assertEquals(begin.id(), end.id());
        assertNull(begin.outcome());
        assertEquals("ok", end.outcome());
        assertEquals("INC-42", end.reason());
        assertEquals("prod", end.profile());
        assertEquals("120", end.parameters().get("expiresInMinutes"));
    }

    @Test
    void anUnwritableLogStopsTheActionWithAClearMessage(@TempDir Path dir) throws Exception {
        Path blocked = dir.resolve("audit");
        Files.writeString(blocked, "a file where the audit directory should be");
        AuditLog log = new AuditLog(dir, clock, "prod");
        var e = assertThrows(java.io.UncheckedIOException.class,
                () -> log.begin("stop-task", List.of("t"), "", Map.of()));
        assertTrue(e.getMessage().contains("the action was not taken"), e.getMessage());
    }

    @Test
    void recentKeepsTheNewestEntries(@TempDir Path dir) {
        AuditLog log = new AuditLog(dir, clock, "p");
        for (int i = 0; i < 5; i++) log.begin("a" + i, List.of(), "", Map.of());
        List<AuditEntry> last = log.recent(2);
        assertEquals(List.of("a3", "a4"), last.stream().map(AuditEntry::action).toList());
    }

    @Test
    void recentReachesIntoLastMonthOnlyForWhatThisMonthLacks(@TempDir Path dir) {
        java.time.Instant[] now = {java.time.Instant.parse("2026-11-30T23:58:00Z")};
        java.time.Clock moving = new java.time.Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId z) { return this; }
            @Override public java.time.Instant instant() { return now[0]; }
        };
        AuditLog log = new AuditLog(dir, moving, "p");
        for (int i = 0; i < 4; i++) log.begin("nov" + i, List.of(), "", Map.of());
        now[0] = java.time.Instant.parse("2026-12-01T00:01:00Z");
        for (int i = 0; i < 3; i++) log.begin("dec" + i, List.of(), "", Map.of());

        assertEquals(List.of("dec1", "dec2"), log.recent(2).stream().map(AuditEntry::action).toList());
        assertEquals(List.of("nov2", "nov3", "dec0", "dec1", "dec2"),
                log.recent(5).stream().map(AuditEntry::action).toList());
        assertEquals(7, log.recent(100).size());
    }
}

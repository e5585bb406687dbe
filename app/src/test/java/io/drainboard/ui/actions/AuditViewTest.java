package io.drainboard.ui.actions;

import io.drainboard.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit view's lines: an intent and its result are one action, newest first; a lone intent is unfinished. */
class AuditViewTest {
    private static final Instant T = Instant.parse("2026-11-23T03:00:00Z");

    private static AuditEntry entry(String id, AuditEntry.Phase phase, int second, String action, String outcome) {
        return new AuditEntry(id, phase, T.plusSeconds(second), "ana", "laptop", "demo", action,
                List.of("arn:aws:ecs:us-east-1:1:task/voice/abc123"), "INC-1", Map.of("cluster", "voice"), outcome,
                outcome == null ? List.of() : List.of("abc123: protected"));
    }

    @Test
    void joinsIntentAndResultNewestFirstAndShowsAnActionWithoutResultAsUnfinished() {
        List<AuditView.Line> lines = AuditView.lines(List.of(
                entry("1", AuditEntry.Phase.INTENT, 0, "protect", null),
                entry("1", AuditEntry.Phase.RESULT, 1, "protect", "ok"),
                entry("2", AuditEntry.Phase.INTENT, 5, "stop-task", null)));
        assertEquals(2, lines.size());
        assertEquals("stop-task {cluster=voice}", lines.get(0).action());
        assertEquals("unfinished (no result recorded)", lines.get(0).result());
        assertEquals("2026-11-23 03:00:00", lines.get(1).time());
        assertEquals("ana@laptop", lines.get(1).who());
        assertEquals("abc123", lines.get(1).targets());
        assertEquals("INC-1", lines.get(1).reason());
        assertEquals("ok · abc123: protected", lines.get(1).result());
    }
}

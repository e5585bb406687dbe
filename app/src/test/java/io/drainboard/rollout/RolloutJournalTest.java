package io.drainboard.rollout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal keeps the whole memory per line; a torn last line falls back to the one before it. */
class RolloutJournalTest {
    @TempDir
    Path dir;


    @Test
    void theLastCompleteLineIsTheStateAndUnfinishedRolloutsAreListed() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        RolloutMemory m = Snapshots.memory("r1");
        j.record(m, Snapshots.NOW, "start");
        m.done.add(Step.LOCKED);
        DrainMemo d = new DrainMemo("arn:task/a", Direction.FORWARD, Snapshots.NOW);
        d.cordon = CordonState.UNCERTAIN;
        m.drains.put(d.task, d);
        m.protectedUntil.put("arn:task/b", Instant.parse("2026-11-23T04:00:00Z"));
        j.record(m, Snapshots.NOW.plusSeconds(5), "intent: cordon a");
        Files.writeString(j.file("r1"), "{\"seq\":3,\"at\":\"2026-11-23T03:0", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        RolloutMemory back = j.load("r1").orElseThrow();
        assertTrue(back.done.contains(Step.LOCKED));
        assertEquals(CordonState.UNCERTAIN, back.drains.get("arn:task/a").cordon);
        assertTrue(back.drains.get("arn:task/a").mayBeSignalled());
        assertEquals(Instant.parse("2026-11-23T04:00:00Z"), back.protectedUntil.get("arn:task/b"));
        assertEquals(2, back.spec.settings().maxParallel());
        assertEquals(List.of("r1"), j.unfinished());
        assertEquals("r1", j.unfinishedFor("voice/agent").orElseThrow());
        assertEquals(2, j.lines("r1").size());

        m.endedAt = Snapshots.NOW.plusSeconds(60);
        m.outcome = RolloutOutcome.COMPLETED;
        j.record(m, m.endedAt, "completed");
        assertTrue(j.unfinished().isEmpty());
    }
}

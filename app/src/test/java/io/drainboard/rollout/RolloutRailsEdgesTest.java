package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.drainboard.rollout.Snapshots.NOW;
import static io.drainboard.rollout.Snapshots.task;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollout's rails at their edges, in plain unit tests: settings that would let a lease lapse, the surge room, the
 * lock tag, the journal a resumed console trusts, and the dry run (docs/benchmarks.md, test strength).
 */
class RolloutRailsEdgesTest {
    @TempDir
    Path dir;

    private static RolloutSettings settings(int maxParallel, int spares, Duration lease, Duration renewBefore) {
        return new RolloutSettings("http", null, "kill -TERM 1", "http://{taskIp}:8081/drain", maxParallel, spares,
                lease, renewBefore, Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(10), 3, 240, 1500,
                0.999, false);
    }

    @Test
    void settingsThatCannotWorkAreRefusedAndTheirLimitsAccepted() {
        Duration h = Duration.ofMinutes(60), r = Duration.ofMinutes(20);
        assertThrows(IllegalArgumentException.class, () -> settings(0, 1, h, r));
        assertDoesNotThrow(() -> settings(1, 0, h, r));
        assertThrows(IllegalArgumentException.class, () -> settings(1, -1, h, r));
        assertThrows(IllegalArgumentException.class, () -> settings(1, 1, Duration.ofSeconds(59), Duration.ofSeconds(10)));
        assertDoesNotThrow(() -> settings(1, 1, Duration.ofMinutes(1), Duration.ofSeconds(30)));
        assertDoesNotThrow(() -> settings(1, 1, Duration.ofMinutes(2880), r));
        assertThrows(IllegalArgumentException.class, () -> settings(1, 1, Duration.ofMinutes(2881), r));
        assertThrows(IllegalArgumentException.class, () -> settings(1, 1, h, h), "renewing at the lease's end lets it lapse");
        assertDoesNotThrow(() -> settings(1, 1, h, Duration.ofMinutes(59)));
    }

    @Test
    void aServiceScaledToZeroGetsTheDefaultSurgeRoomNotADivisionByZero() {
        assertEquals(200, Surge.maximumPercent(0, 2, 1));
        assertEquals(300, Surge.maximumPercent(1, 1, 1));
        assertEquals(110, Surge.maximumPercent(10, 0, 0), "at least one task of room, even with nothing asked");
        assertEquals(1, Surge.extraTasks(10, 110));
    }

    @Test
    void aServiceWithoutTheLockTagHasNoHolder() {
        assertEquals(Optional.empty(), LockHolder.parse(null));
        assertEquals(Optional.empty(), LockHolder.of(Map.of()));
        assertEquals(Optional.empty(), LockHolder.parse("owner=alice host=laptop"), "no expiry: not a lock");
    }

    @Test
    void theLockTagNamesUnknownFieldsAndStaysWithinEcsTagLength() {
        Instant until = Instant.parse("2026-11-23T03:10:00Z");
        LockHolder blank = new LockHolder("", null, until, "id-1", "r1");
        assertTrue(blank.tagValue().startsWith("owner=? host=? until="), blank.tagValue());
        assertEquals(blank.until(), LockHolder.parse(blank.tagValue()).orElseThrow().until());

        String pad = "x".repeat(400);
        LockHolder longOne = new LockHolder(pad, "h", until, "id", "r");
        assertEquals(256, longOne.tagValue().length());
        // Exactly 256 characters is within ECS's limit and kept whole.
        String base = new LockHolder("", "h", until, "id", "r").tagValue();
        String owner = "o".repeat(256 - base.length() + 1);
        LockHolder exact = new LockHolder(owner, "h", until, "id", "r");
        assertEquals(256, exact.tagValue().length());
        assertTrue(exact.tagValue().endsWith("rollout=r"), exact.tagValue());
        assertTrue(exact.live(until.minusSeconds(1)));
        assertFalse(exact.live(until), "a lock at its expiry is stale: another console may take it over");
    }

    @Test
    void aDrainWhoseCordonWasSentOrMayHaveBeenIsNeverCordonedByExecAgain() {
        DrainMemo d = new DrainMemo("arn:task/a", Direction.FORWARD, NOW);
        assertFalse(d.mayBeSignalled());
        for (CordonState s : CordonState.values()) {
            d.cordon = s;
            assertEquals(s != CordonState.NOT_YET, d.mayBeSignalled(), s.name());
        }
    }


    @Test
    void journalLinesAreNumberedAndATornLineIsClosedBeforeTheNextOne() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        RolloutMemory m = Snapshots.memory("r1");
        j.record(m, NOW, "start");
        j.record(m, NOW.plusSeconds(1), "locked");
        Files.writeString(j.file("r1"), "{\"seq\":3,\"at\":\"2026-11-23T03:0", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        m.done.add(Step.LOCKED);
        j.record(m, NOW.plusSeconds(2), "protected");
        List<RolloutJournal.Line> lines = j.lines("r1");
        assertEquals(List.of(1L, 2L, 4L), lines.stream().map(RolloutJournal.Line::seq).toList(),
                "the torn line stays one line of its own");
        assertEquals("protected", lines.get(2).event());
        assertTrue(j.load("r1").orElseThrow().done.contains(Step.LOCKED), "the line after the torn one is the state");
    }

    @Test
    void blankLinesAndMissingJournalsAreNoState() throws Exception {
        RolloutJournal j = new RolloutJournal(dir.resolve("none"));
        assertEquals(Optional.empty(), j.load("r9"));
        assertEquals(List.of(), j.lines("r9"));
        assertEquals(List.of(), j.unfinished());

        RolloutJournal k = new RolloutJournal(dir);
        RolloutMemory m = Snapshots.memory("r2");
        k.record(m, NOW, "start");
        Files.writeString(k.file("r2"), "\n   \n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals("r2", k.load("r2").orElseThrow().id);
        assertEquals(1, k.lines("r2").size());
        Files.writeString(dir.resolve("notes.txt"), "not a journal", StandardCharsets.UTF_8);
        assertEquals(List.of("r2"), k.unfinished());
        Files.writeString(k.file("r3"), "{\"seq\":1,\"at\":\"2026", StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), k.load("r3"), "only a torn line: nothing to resume from");
    }

    @Test
    void theUnfinishedRolloutOfAServiceIsFoundOnlyForThatService() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        j.record(Snapshots.memory("r1"), NOW, "start");
        assertEquals(Optional.of("r1"), j.unfinishedFor("voice/agent"));
        assertEquals(Optional.empty(), j.unfinishedFor("voice/other"));
    }

    @Test
    void theDryRunLeavesOutTasksAlreadyOnTheNewRevisionAndNumbersTheRest() {
        TaskSnapshot onNew = task("new");
        onNew = new TaskSnapshot(onNew.arn(), onNew.id(), "voice", "agent", Snapshots.TD2, "agent", 2, "FARGATE",
                "us-east-1a", "RUNNING", "RUNNING", "HEALTHY", onNew.startedAt(), Optional.empty(), onNew.protection(),
                onNew.calls(), onNew.stopTimeout());
        var svc = Snapshots.service(3, List.of(task("a"), onNew, task("b", 300)));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        assertEquals(List.of("a", "b"), p.order().stream().map(RolloutPlan.Drain::taskId).toList());
        assertEquals(List.of(1, 2), p.order().stream().map(RolloutPlan.Drain::position).toList());
        assertEquals(300, p.order().get(1).oldestSeconds(), 1);
        assertTrue(p.changes().stream().anyMatch(c -> c.contains("protect the 2 running task(s)")), p.changes().toString());
    }

    @Test
    void theDryRunDoesNotPromiseToSuspendAScaleInAlreadySuspended() {
        var svc = Snapshots.service(2, List.of(task("a"), task("b")));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)),
                Optional.of(new ScalableTargetGateway.Scaling(2, 4, true, false, false)), NOW);
        assertTrue(p.changes().stream().noneMatch(c -> c.contains("suspend dynamic scale-in")), p.changes().toString());
    }

    @Test
    void withoutACordonTheDryRunSaysTasksStopOnThePredictionAndHowManyCallsThatMayCost() {
        var svc = Snapshots.service(2, List.of(task("a", 30), task("b")));
        RolloutPlan none = Planner.plan(svc, Snapshots.spec(Snapshots.settings("none", 1)), Optional.empty(), NOW);
        assertTrue(none.notes().get(0).startsWith("no cordon: a task is stopped when idle"), none.notes().toString());
        RolloutPlan http = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), Optional.empty(), NOW);
        assertTrue(http.notes().stream().noneMatch(n -> n.startsWith("no cordon")), http.notes().toString());
    }

    @Test
    void theDryRunsDurationGrowsWithTheCallsOnTheFirstTasksAndOnTheRest() {
        var quiet = Snapshots.service(2, List.of(task("a"), task("b")));
        var busyFirst = Snapshots.service(2, List.of(task("a", 600), task("b", 600)));
        var s = Snapshots.spec(Snapshots.settings("http", 1));
        RolloutPlan q = Planner.plan(quiet, s, Optional.empty(), NOW);
        RolloutPlan b = Planner.plan(busyFirst, s, Optional.empty(), NOW);
        assertTrue(b.low().compareTo(q.low()) > 0, q.durationWords() + " vs " + b.durationWords());
        assertTrue(b.high().compareTo(q.high()) > 0, q.durationWords() + " vs " + b.durationWords());
        assertTrue(b.high().compareTo(b.low()) > 0, b.durationWords());
    }
}

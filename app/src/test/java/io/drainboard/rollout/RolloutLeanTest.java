package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leaning the old tasks (the lean route, docs/worker-snippets.md) on the simulator, asserted on its ground
 * truth: which workers report a raised load to LiveKit, when, and that nothing is left leaned.
 */
class RolloutLeanTest {
    private static final Duration PASS = Duration.ofSeconds(5);

    @TempDir
    Path journals;

    private static List<TaskState> old(RolloutRig rig, String target) {
        return rig.sim.model().read(m -> rig.model().tasks().stream()
                .filter(t -> !t.taskDefinitionArn().equals(target) && !"STOPPED".equals(t.lastStatus())).toList());
    }

    private static boolean leaned(RolloutRig rig, TaskState t) {
        return rig.sim.model().read(m -> t.leaned(m.now()));
    }

    private static WorkerState worker(RolloutRig rig, TaskState t) {
        return rig.sim.model().read(m -> t.worker());
    }

    /** Steps until an old task is leaned; returns when, or null. Records each new task's first call seen. */
    private static Instant untilLeaned(RolloutRig rig, RolloutEngine e, String target, Map<String, Instant> firstCall) {
        for (int i = 0; i < 720; i++) {
            rig.step(e);
            Instant now = rig.sim.clock().instant();
            rig.sim.model().read(m -> {
                for (TaskState t : rig.model().tasks()) {
                    if (t.taskDefinitionArn().equals(target) && !t.calls().isEmpty()) firstCall.putIfAbsent(t.id(), now);
                }
                return null;
            });
            if (old(rig, target).stream().anyMatch(t -> leaned(rig, t))) return now;
            rig.sim.advance(PASS);
        }
        return null;
    }

    @Test
    void oldTasksAreLeanedOnceAReplacementPassedTheGateAndNothingIsLeftLeaned() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            long cutBefore = rig.callsCut();
            RolloutSettings settings = rig.settings(1);
            assertTrue(settings.leans(), "on by default with the http cordon");
            RolloutEngine e = rig.start(target, settings);
            Map<String, Instant> firstCall = new HashMap<>();
            Instant leanedAt = untilLeaned(rig, e, target, firstCall);
            assertNotNull(leanedAt, "old tasks leaned");
            Duration gate = settings.gate();
            assertTrue(firstCall.values().stream().anyMatch(f -> !f.plus(gate).isAfter(leanedAt.plus(PASS))),
                    "not before a replacement has taken calls for the gate: first calls " + firstCall + ", leaned " + leanedAt);
            int serving = 0;
            for (TaskState t : old(rig, target)) {
                if (worker(rig, t) != WorkerState.SERVING) continue;
                assertTrue(leaned(rig, t), t.id() + " not leaned");
                serving++;
            }
            RolloutStatus st = e.status();
            assertEquals(serving, st.leaned(), st.line());
            assertTrue(st.line().contains(" · " + serving + " old task(s) leaned"), st.line());
            boolean newLeaned = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .filter(t -> t.taskDefinitionArn().equals(target)).anyMatch(t -> t.leaned(m.now())));
            assertFalse(newLeaned, "new tasks are not leaned");
            RolloutStatus end = rig.run(e, PASS, Duration.ofHours(3));
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut() - cutBefore, "no call cut");
            boolean anyLeaned = rig.sim.model().read(m -> rig.model().tasks().stream()
                    .anyMatch(t -> "RUNNING".equals(t.desiredStatus()) && t.leaned(m.now())));
            assertFalse(anyLeaned, "nothing running is left leaned");
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().startsWith("done: leaned")));
        }
    }

    @Test
    void anOldTaskStillServingStaysLeanedLongerThanOneLeanLives() {
        // 20 tasks, calls of median 4 min, one at a time: the old tasks wait far longer than the lean's 10 min.
        try (RolloutRig rig = new RolloutRig("rollout-bench", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            Instant leanedAt = untilLeaned(rig, e, target, new HashMap<>());
            assertNotNull(leanedAt);
            int checked = 0;
            while (Duration.between(leanedAt, rig.sim.clock().instant()).compareTo(Leaner.TTL.multipliedBy(2)) < 0) {
                rig.sim.advance(PASS);
                // Checked before the pass: a lean renewed only once lapsed would show here (a console's pass can be late).
                for (TaskState t : old(rig, target)) {
                    if (worker(rig, t) != WorkerState.SERVING || "STOPPED".equals(rig.sim.model().read(m -> t.desiredStatus()))) continue;
                    assertTrue(leaned(rig, t), t.id() + " lapsed at " + rig.sim.clock().instant());
                    checked++;
                }
                rig.step(e);
            }
            assertFalse(e.ended());
            assertTrue(checked > 100, "old tasks still serving after two lean lifetimes: " + checked);
        }
    }

    @Test
    void pauseAndAbortEndTheLeans() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            assertNotNull(untilLeaned(rig, e, target, new HashMap<>()));
            e.pause("looking at something");
            rig.step(e);
            assertTrue(old(rig, target).stream().noneMatch(t -> leaned(rig, t)), "paused: nothing leaned");
            e.resumeRollout();
            rig.sim.advance(PASS);
            rig.step(e);
            assertTrue(old(rig, target).stream().filter(t -> worker(rig, t) == WorkerState.SERVING).allMatch(t -> leaned(rig, t)),
                    "resumed: leaned again");
            e.abort("test");
            rig.sim.advance(PASS);
            rig.step(e);
            assertTrue(old(rig, target).stream().noneMatch(t -> leaned(rig, t)), "aborting: nothing leaned");
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().startsWith("done: ended the lean of")));
        }
    }

    @Test
    void aRollbackEndsTheForwardLeansAndLeansWhatItReplaces() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String from = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            assertNotNull(untilLeaned(rig, e, target, new HashMap<>()));
            e.rollback("test");
            rig.sim.advance(PASS);
            rig.step(e);
            assertTrue(old(rig, target).stream().noneMatch(t -> leaned(rig, t)), "the revision rolled back to is not leaned");
            // Once the rollback's own replacements pass the gate, what it replaces is leaned: the target's tasks.
            Instant leanedAgain = untilLeaned(rig, e, from, new HashMap<>());
            assertNotNull(leanedAgain);
            RolloutStatus end = rig.run(e, PASS, Duration.ofHours(3));
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aFailingLeanRouteCostsOneRequestAPassAndIsAskedAgainLater() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            rig.sim.faults().set("worker:Lean", new io.drainboard.sim.http.Faults.Rule(0, 1, 0, Duration.ZERO));
            RolloutEngine e = rig.start(target, rig.settings(1));
            for (int i = 0; i < 720 && rig.sim.requests().count("worker", "Lean") == 0; i++) {
                rig.sim.advance(PASS);
                rig.step(e);
            }
            assertEquals(1, rig.sim.requests().count("worker", "Lean"), "the first failure ends the pass's leaning");
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().contains("not asked after a failure")));
            rig.sim.faults().clear();
            for (int i = 0; i < 5; i++) {
                rig.sim.advance(PASS);
                rig.step(e);
            }
            assertEquals(1, rig.sim.requests().count("worker", "Lean"), "not asked again within the retry time");
            assertNotNull(untilLeaned(rig, e, target, new HashMap<>()), "leaned once the route answers again");
            assertFalse(e.status().phase() == RolloutPhase.PAUSED, "a failing lean never pauses the rollout");
            long leaned = old(rig, target).stream().filter(t -> leaned(rig, t)).count();
            assertTrue(leaned > 1, "several to end: " + leaned);
            long before = rig.sim.requests().count("worker", "Lean");
            rig.sim.faults().set("worker:Lean", new io.drainboard.sim.http.Faults.Rule(0, 1, 0, Duration.ZERO));
            e.pause("test");
            rig.step(e);
            assertEquals(before + 1, rig.sim.requests().count("worker", "Lean"), "ending the leans stops at the first failure");
            assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().contains("left to lapse on the worker")));
        }
    }

    @Test
    void leaningOffLeavesEveryWorkerAsItWas() {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1).withLean(false));
            assertEquals(null, untilLeaned(rig, e, target, new HashMap<>()));
            assertTrue(e.ended());
        }
    }

    @Test
    void workersWithoutTheLeanRouteAreDrainedAsBefore() throws Exception {
        String yaml = Files.readString(RolloutRig.SCENARIOS.resolve("rollout-small.yaml"))
                .replace("drainRoute: true}", "drainRoute: true, leanRoute: false}");
        Path f = Files.createTempFile(journals, "rollout-small-no-lean", ".yaml");
        Files.writeString(f, yaml);
        String name = f.toString().substring(0, f.toString().length() - ".yaml".length());
        try (RolloutRig rig = new RolloutRig(name, "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            long cutBefore = rig.callsCut();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = rig.run(e, PASS, Duration.ofHours(3));
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut() - cutBefore);
            List<String> events = rig.journal.lines(e.id()).stream().map(RolloutJournal.Line::event).toList();
            assertEquals(1, events.stream().filter(l -> l.startsWith("lean off for this rollout: the worker has no lean route")).count(),
                    "said once, then not asked again: " + events);
            assertFalse(events.stream().anyMatch(l -> l.startsWith("done: leaned")));
        }
    }
}

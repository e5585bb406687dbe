package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lean's and the lock's clocks in the rollout engine's fast tier (two tasks, scenario rollout-tiny),
 * asserted on the simulator's ground truth: an old task waiting its turn longer than a lean lives stays leaned,
 * a lean the worker refused is asked again a minute later, a lock tag ECS's reads do not show yet is waited for,
 * one removed before it shows refuses the rollout, and the end of a rollout never removes another console's lock.
 */
class RolloutLeanAndLockTest {
    private static final Duration PASS = TwoTaskRolloutTest.PASS;
    /** Each old task's call that outlasts a lean (the first task drained waits for it; the other waits its turn). */
    private static final Duration LONG_CALL = Duration.ofMinutes(16);

    @TempDir
    Path journals;

    /** rollout-tiny whose workers let a drain run 30 min, so a 16-minute call ends within it. */
    private RolloutRig longDrains() throws Exception {
        return tiny("drainTimeout: 10m", "drainTimeout: 30m");
    }

    private RolloutRig tiny(String from, String to) throws Exception {
        return RolloutRig.tinyWith(journals, Profile.CordonMethod.HTTP, from, to);
    }

    /** Workers of the old revision taking calls (not cordoned, signalled or stopping). */
    static List<TaskState> oldServing(RolloutRig rig, String target) {
        return rig.sim.model().read(m -> rig.model().tasks().stream().filter(t -> !t.taskDefinitionArn().equals(target)
                && "RUNNING".equals(t.desiredStatus()) && t.worker() == WorkerState.SERVING).toList());
    }

    private static boolean leaned(RolloutRig rig, TaskState t) {
        return rig.sim.model().read(m -> t.leaned(m.now()));
    }

    private static long leans(RolloutRig rig) {
        return rig.sim.requests().count("worker", "Lean");
    }

    private static Optional<LockHolder> lockAsStored(RolloutRig rig) {
        return LockHolder.of(rig.sim.model().tags(rig.model().arn()));
    }

    /** The lock as ECS's reads answer now (ListTagsForResource over the wire, read-after-write lag included). */
    private static Optional<LockHolder> lockAsRead(RolloutRig rig) {
        Map<String, String> tags = new HashMap<>();
        rig.aws.readEcs().listTagsForResource(b -> b.resourceArn(rig.model().arn())).tags()
                .forEach(t -> tags.put(t.key(), t.value()));
        return LockHolder.of(tags);
    }

    @Test
    void anOldTaskWaitingItsTurnLongerThanALeanLivesStaysLeanedUntilItsCordon() throws Exception {
        try (RolloutRig rig = longDrains()) {
            String target = rig.newRevision();
            rig.callOnEachServingTask(LONG_CALL);
            int oldTasks = oldServing(rig, target).size();
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> st.leaned() > 0);
            Map<String, Instant> leanedSince = new HashMap<>();
            Duration longest = Duration.ZERO;
            Duration pass = Duration.ofSeconds(30); // well inside the renewal margin (half the lean's time-to-live)
            for (int i = 0; i < 60 && !e.ended(); i++) {
                Instant now = rig.sim.clock().instant();
                // Checked before the pass: a lean renewed only once lapsed would show here.
                for (TaskState t : oldServing(rig, target)) {
                    if (leanedSince.containsKey(t.id())) {
                        assertTrue(leaned(rig, t), t.id() + " still waits its turn but its lean lapsed at " + now
                                + " (leaned since " + leanedSince.get(t.id()) + ")");
                        Duration waited = Duration.between(leanedSince.get(t.id()), now);
                        if (waited.compareTo(longest) > 0) longest = waited;
                    } else if (leaned(rig, t)) {
                        leanedSince.put(t.id(), now);
                    }
                }
                RolloutStatus st = rig.step(e);
                long leanedServing = oldServing(rig, target).stream().filter(t -> leaned(rig, t)).count();
                assertEquals(leanedServing, st.leaned(), "the status counts the old tasks leaned and taking calls: " + st.line());
                rig.sim.advance(pass);
            }
            assertTrue(longest.compareTo(Leaner.TTL) > 0, "an old task waited leaned longer than a lean lives: " + longest);
            assertEquals(RolloutPhase.COMPLETED, e.status().phase(), e.status().line());
            assertEquals(0, rig.callsCut());
            // Each renewal is a request to the worker and an audited action: at most one per task per half-life.
            long bound = oldTasks * (longest.dividedBy(Leaner.TTL.dividedBy(2)) + 2);
            assertTrue(leans(rig) <= bound, "lean requests " + leans(rig) + " > " + bound + " over " + longest);
        }
    }

    @Test
    void aLeanTheWorkerRefusedIsAskedAgainAMinuteLaterNotOnEveryPass() throws Exception {
        try (RolloutRig rig = longDrains()) {
            String target = rig.newRevision();
            rig.callOnEachServingTask(LONG_CALL);
            rig.sim.faults().set("worker:Lean", new Faults.Rule(0, 1, 0, Duration.ZERO));
            RolloutEngine e = rig.start(target, rig.settings(1));
            TwoTaskRolloutTest.until(rig, e, st -> leans(rig) > 0);
            Instant failedAt = rig.sim.clock().instant();
            assertEquals(1, leans(rig), "the first failure ends this pass's leaning");
            rig.sim.faults().clear();
            while (rig.sim.clock().instant().plus(PASS).isBefore(failedAt.plus(Leaner.RETRY))) {
                rig.sim.advance(PASS);
                rig.step(e);
                assertEquals(1, leans(rig), "asked again at " + rig.sim.clock().instant() + ", before the retry time");
            }
            rig.sim.advance(PASS);
            rig.step(e);
            rig.sim.advance(PASS);
            rig.step(e);
            List<TaskState> waiting = oldServing(rig, target);
            assertFalse(waiting.isEmpty(), "an old task still waits its turn");
            assertTrue(waiting.stream().allMatch(t -> leaned(rig, t)), "leaned once the retry time passed");
            assertFalse(e.status().phase() == RolloutPhase.PAUSED, "a refused lean never pauses the rollout");
        }
    }

    @Test
    void workersWithoutTheLeanRouteAreAskedOnceAndDrainedAsBefore() throws Exception {
        try (RolloutRig rig = tiny("drainRoute: true}", "drainRoute: true, leanRoute: false}")) {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
            assertEquals(1, leans(rig), "asked once: a worker without the route is not asked on every pass");
            List<String> events = rig.journal.lines(e.id()).stream().map(RolloutJournal.Line::event).toList();
            assertEquals(1, events.stream().filter(l -> l.startsWith("lean off for this rollout")).count(), events.toString());
        }
    }

    /**
     * ECS's reads may lag the tag write by up to half a minute here: the next pass, a second later, sees no tag, or
     * (second case) the stale lock of another console it just took over. Either way the console waits for its own
     * tag to show, neither writing it again nor taking the stale one for a live rival.
     */
    @ParameterizedTest(name = "a stale lock of another console there before = {0}")
    @ValueSource(booleans = {false, true})
    void aLockTagTheReadsDoNotShowYetIsWaitedForNotTakenForAnotherConsoles(boolean staleLockBefore) {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setRules(rig.sim.model().rules().withReadAfterWriteLag(Duration.ofSeconds(30)));
            String target = rig.newRevision();
            if (staleLockBefore) {
                rig.sim.model().tagResource(rig.model().arn(), Map.of(LockHolder.TAG, new LockHolder("bob", "ci-runner",
                        rig.sim.clock().instant().minus(Duration.ofMinutes(1)), "ffff0000", "r-41").tagValue()));
            }
            RolloutEngine e = rig.start(target, rig.settings(1));
            rig.step(e);
            assertEquals(1, rig.sim.requests().count("ecs", "TagResource"), "the lock written");
            rig.sim.advance(Duration.ofSeconds(1));
            Optional<LockHolder> read = lockAsRead(rig);
            assertTrue(read.map(h -> !h.rollout().equals(e.id())).orElse(true), "premise: the reads do not show it yet");
            RolloutStatus next = rig.step(e);
            assertFalse(e.ended(), next.line());
            assertEquals(RolloutPhase.LOCKING, next.phase(), next.line());
            assertTrue(next.waitingFor().contains("lock just written"), next.waitingFor());
            RolloutStatus locked = TwoTaskRolloutTest.until(rig, e, st -> st.phase() != RolloutPhase.LOCKING);
            assertEquals(RolloutPhase.PREPARING, locked.phase(), locked.line());
            assertEquals(1, rig.sim.requests().count("ecs", "TagResource"), "confirmed, never written twice");
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            assertEquals(0, rig.callsCut());
        }
    }

    @Test
    void aLockTagRemovedBeforeItShowsRefusesTheRolloutWithinAMinuteAndChangesNothing() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setRules(rig.sim.model().rules().withReadAfterWriteLag(Duration.ZERO));
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            rig.step(e);
            Instant written = rig.sim.clock().instant();
            assertTrue(lockAsStored(rig).isPresent(), "the lock written");
            rig.sim.model().untagResource(rig.model().arn(), List.of(LockHolder.TAG)); // another console's doing
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertEquals(RolloutPhase.STOPPED, end.phase(), end.line());
            assertFalse(end.at().isAfter(written.plus(Replacer.OWN_WRITE_GRACE).plus(PASS)),
                    "refused within a minute of writing the lock, not waited for for good: " + end.at());
            assertTrue(e.refused().isPresent(), "it never held the service: refused");
            assertTrue(end.endReason().orElse("").contains("our tag was removed"), end.line());
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"), "nothing deployed or reconfigured");
            assertTrue(TwoTaskRolloutTest.live(rig.model()).stream().noneMatch(TaskState::isProtected), "nothing protected");
        }
    }

    @Test
    void theEndOfARolloutNeverRemovesALockAnotherConsoleWroteMeanwhile() {
        try (RolloutRig rig = TwoTaskRolloutTest.rig(Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setRules(rig.sim.model().rules().withReadAfterWriteLag(Duration.ZERO));
            String target = rig.newRevision();
            RolloutSettings settings = rig.settings(1);
            CrashingEffects fx = new CrashingEffects(rig.wiring.effects(settings));
            RolloutEngine e = RolloutEngine.start(PreflightReader.spec(rig.serviceSnapshot(),
                    rig.wiring.deploys().describe(target), settings), fx, rig.journal, rig.sim.clock().instant());
            TwoTaskRolloutTest.until(rig, e, st -> st.phase() == RolloutPhase.REPLACING);
            // The next scaling change is the restore at the end; another console writes its lock just after it.
            String carol = new LockHolder("carol", "desk-3", rig.sim.clock().instant().plus(Duration.ofHours(1)), "0000beef",
                    "r-43").tagValue();
            fx.afterNext("set scaling", () -> rig.sim.model().tagResource(rig.model().arn(), Map.of(LockHolder.TAG, carol)));
            RolloutStatus end = TwoTaskRolloutTest.until(rig, e, RolloutStatus::ended);
            assertNotNull(end);
            assertEquals("carol", lockAsStored(rig).map(LockHolder::owner).orElse("nobody"),
                    "the other console's lock is left as it was");
            assertEquals(0, rig.sim.requests().count("ecs", "UntagResource"), "nothing untagged");
            assertEquals(0, rig.callsCut());
        }
    }
}

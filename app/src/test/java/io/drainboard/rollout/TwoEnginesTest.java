package io.drainboard.rollout;

import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly one engine per rollout: a second console process, started while the first drives the rollout, on the
 * same data directory (it finds the unfinished journal), on another one (a rollout of its own), or with a copy
 * of the journal elsewhere (the same rollout id), never acts, and no worker is signalled twice. Ground truth: no
 * call cut, one ExecuteCommand per old task.
 */
class TwoEnginesTest {
    static final Duration PASS = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static int headless(RolloutRig rig, ByteArrayOutputStream out, String... extra) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("--rollout", "--profile", "p.yaml", "--service", "voice/agent"));
        a.addAll(List.of(extra));
        return new HeadlessRollout(new PrintStream(out, true, StandardCharsets.UTF_8)).run(HeadlessRollout.Args.parse(a),
                rig.wiring, rig.sim::advance);
    }

    /** Steps the first engine until it has cordoned a task (the moment the reported second engine cut calls). */
    private static void untilCordoned(RolloutRig rig, RolloutEngine e) {
        for (int i = 0; i < 400 && rig.journal.lines(e.id()).stream().noneMatch(l -> l.event().startsWith("done: cordon")); i++) {
            rig.step(e);
            rig.sim.advance(PASS);
        }
        assertTrue(rig.journal.lines(e.id()).stream().anyMatch(l -> l.event().startsWith("done: cordon")), "a task was cordoned");
    }

    private static RolloutStatus finish(RolloutRig rig, RolloutEngine e) {
        RolloutStatus s = rig.step(e);
        for (int i = 0; i < 3000 && !e.ended(); i++) {
            rig.sim.advance(PASS);
            s = rig.step(e);
        }
        rig.sim.advance(Duration.ofMinutes(3)); // a SIGKILL comes at most stopTimeout after a SIGTERM
        return s;
    }

    private static void groundTruthClean(RolloutRig rig, Profile.CordonMethod cordon, RolloutStatus end) {
        assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
        assertEquals(0, rig.callsCut(), "ground truth: " + rig.sim.groundTruth());
        assertEquals(0, rig.sim.groundTruth().cutBySecondSignal());
        if (cordon == Profile.CordonMethod.EXEC_SIGNAL) {
            assertEquals(4, rig.sim.requests().count("ecs", "ExecuteCommand"), "one signal per old task, never two");
        }
        assertFalse(end.notClean(), end.line());
        assertTrue(end.endReason().orElse("").contains("4 tasks replaced; 0 calls on any task when it stopped"), end.line());
    }

    @ParameterizedTest
    @EnumSource(value = Profile.CordonMethod.class, names = {"HTTP", "EXEC_SIGNAL"})
    void aSecondProcessOnTheSameDataDirectoryIsRefusedAtOnceAndWritesNothing(Profile.CordonMethod cordon) throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", cordon, dir)) {
            String target = rig.newRevision();
            RolloutEngine first = rig.start(target, rig.settings(1));
            untilCordoned(rig, first);
            int lines = rig.journal.lines(first.id()).size();
            long execs = rig.sim.requests().count("ecs", "ExecuteCommand");
            RolloutRig second = rig.another(dir, false);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = headless(second, out, "--task-definition", "agent:2");
                String text = out.toString(StandardCharsets.UTF_8);
                assertEquals(ExitCode.REFUSED.code(), code, text);
                assertTrue(text.contains("another Drainboard process is running the rollout of voice/agent"), text);
                assertTrue(text.contains("pid=" + ProcessHandle.current().pid()), "names the process that holds it: " + text);
                // An abort from the second process is refused the same way: the first one is alive.
                ByteArrayOutputStream abort = new ByteArrayOutputStream();
                assertEquals(ExitCode.REFUSED.code(), headless(second, abort, "--abort"), abort.toString(StandardCharsets.UTF_8));
            } finally {
                second.closeKeepingSimulator();
            }
            assertEquals(lines, rig.journal.lines(first.id()).size(), "the second process wrote nothing in the journal");
            assertEquals(execs, rig.sim.requests().count("ecs", "ExecuteCommand"), "and signalled nothing");
            groundTruthClean(rig, cordon, finish(rig, first));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Profile.CordonMethod.class, names = {"HTTP", "EXEC_SIGNAL"})
    void twoRolloutsStartedAtOnceFromTwoDataDirectoriesLeaveOneEngine(Profile.CordonMethod cordon) throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", cordon, dir.resolve("one"))) {
            String target = rig.newRevision();
            RolloutRig second = rig.another(other, false);
            try {
                // Both preflights passed before either wrote its lock: two engines, one service.
                RolloutEngine a = rig.start(target, rig.settings(1));
                RolloutEngine b = second.start(target, second.settings(1));
                for (int i = 0; i < 3000 && !(a.ended() && b.ended()); i++) {
                    if (!a.ended()) rig.step(a);
                    if (!b.ended()) second.step(b);
                    rig.sim.advance(PASS);
                }
                RolloutStatus sa = a.status(), sb = b.status();
                long completed = List.of(sa, sb).stream().filter(s -> s.phase() == RolloutPhase.COMPLETED).count();
                assertEquals(1, completed, sa.line() + "\n" + sb.line());
                RolloutStatus loser = sa.phase() == RolloutPhase.COMPLETED ? sb : sa;
                assertTrue(loser.endReason().orElse("").contains("rollout lock is held by"), loser.line());
                assertTrue((loser == sa ? a : b).refused().isPresent(), "it never held the service: refused (exit 2)");
                RolloutJournal loserJournal = loser == sa ? rig.journal : second.journal;
                assertTrue(loserJournal.lines(loser.id()).stream().noneMatch(l -> l.event().startsWith("intent: cordon")
                        || l.event().startsWith("intent: deploy") || l.event().startsWith("intent: protect")), "the loser acted");
                rig.sim.advance(Duration.ofMinutes(3));
                groundTruthClean(rig, cordon, sa.phase() == RolloutPhase.COMPLETED ? sa : sb);
            } finally {
                second.closeKeepingSimulator();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Profile.CordonMethod.class, names = {"HTTP", "EXEC_SIGNAL"})
    void aCopyOfTheJournalElsewhereIsRefusedWhileItsEngineIsAlive(Profile.CordonMethod cordon) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", cordon, dir.resolve("one"))) {
            String target = rig.newRevision();
            RolloutEngine first = rig.start(target, rig.settings(1));
            untilCordoned(rig, first);
            Files.copy(rig.journal.file(first.id()), copy.resolve(first.id() + ".jsonl"));
            long execs = rig.sim.requests().count("ecs", "ExecuteCommand");
            RolloutRig second = rig.another(copy, false);
            try {
                // Same rollout and lock id, another data directory: only the lock tag's process tells them apart.
                RolloutEngine twin = RolloutEngine.resume(first.id(), second.wiring.effects(second.journal.spec(first.id())
                        .settings()), second.journal, rig.sim.clock().instant());
                RolloutStatus s = second.step(twin);
                assertTrue(twin.ended() && twin.refused().isPresent(), s.line());
                assertTrue(twin.refused().get().contains("another live engine"), twin.refused().get());
                assertTrue(second.journal.unfinished().contains(first.id()), "its copy is not marked ended: not its to end");
            } finally {
                second.closeKeepingSimulator();
            }
            assertEquals(execs, rig.sim.requests().count("ecs", "ExecuteCommand"));
            groundTruthClean(rig, cordon, finish(rig, first));
        }
    }

    @Test
    void aResumeTakesTheLockOverFromAnEngineThatIsGone() throws Exception {
        RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.EXEC_SIGNAL, dir);
        try {
            String target = rig.newRevision();
            RolloutEngine first = rig.start(target, rig.settings(1));
            untilCordoned(rig, first);
            String id = first.id();
            rig = rig.restart(); // the first process died: the OS released its lock file, its engine is gone
            RolloutEngine resumed = RolloutEngine.resume(id, rig.wiring.effects(rig.journal.spec(id).settings()),
                    rig.journal, rig.sim.clock().instant());
            // While this one runs, a third process on the same data directory is refused.
            RolloutRig third = rig.another(dir, false);
            try {
                RolloutRefused r = assertThrows(RolloutRefused.class, () -> RolloutEngine.resume(id,
                        third.wiring.effects(third.journal.spec(id).settings()), third.journal, third.sim.clock().instant()));
                assertEquals(ExitCode.REFUSED, r.code());
            } finally {
                third.closeKeepingSimulator();
            }
            RolloutStatus end = finish(rig, resumed);
            assertTrue(rig.journal.lines(id).stream().anyMatch(l -> l.event().startsWith("taking over the lock of an"
                    + " engine that is gone")), "took the lock over");
            groundTruthClean(rig, Profile.CordonMethod.EXEC_SIGNAL, end);
        } finally {
            rig.close();
        }
    }

    @Test
    void aWorkerMarkedAsSignalledIsNeverSignalledAgainByAnyone() throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.EXEC_SIGNAL, dir)) {
            String target = rig.newRevision();
            RolloutEngine first = rig.start(target, rig.settings(1));
            untilCordoned(rig, first);
            String signalled = rig.journal.lines(first.id()).stream().filter(l -> l.event().startsWith("done: cordon"))
                    .findFirst().orElseThrow().event().split(" ")[2];
            TaskState t = rig.model().tasks().stream().filter(x -> x.id().startsWith(signalled)).findFirst().orElseThrow();
            assertTrue(rig.sim.model().tags(t.arn()).containsKey(io.drainboard.drain.SignalMark.TAG), "marked before the signal");
            // Another console (its own journal, no memory of this cordon) is asked to cordon the same worker.
            long execs = rig.sim.requests().count("ecs", "ExecuteCommand");
            RolloutRig other = rig.another(dir.resolve("elsewhere"), false);
            io.drainboard.drain.CordonOutcome o;
            try {
                o = other.wiring.effects(rig.settings(1)).cordon("voice", "agent", t.arn(),
                        io.drainboard.drain.CordonMethod.EXEC_SIGNAL, "a second cordon");
            } finally {
                other.closeKeepingSimulator();
            }
            assertEquals(io.drainboard.drain.CordonOutcome.Kind.UNCERTAIN, o.kind(), o.message());
            assertTrue(o.message().contains("never signalled twice"), o.message());
            assertEquals(execs, rig.sim.requests().count("ecs", "ExecuteCommand"), "no second ExecuteCommand");
            groundTruthClean(rig, Profile.CordonMethod.EXEC_SIGNAL, finish(rig, first));
        }
    }
}

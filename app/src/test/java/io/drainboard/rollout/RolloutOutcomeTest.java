package io.drainboard.rollout;

import io.drainboard.aws.ssm.ExecSession;
import io.drainboard.aws.ssm.ExecSignal;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollout's outcome is what it observed on each task when it stopped, never what it meant to do: something
 * else cutting calls while it runs (a StopTask through the SDK — ECS ignores protection for StopTask — a worker
 * that exits on SIGTERM, a second signal from another tool) is named stop by stop, the headless run exits
 * NOT_CLEAN, and the calls it names are the simulator's ground truth.
 */
class RolloutOutcomeTest {
    @TempDir
    Path journals;

    private static int headless(RolloutRig rig, RolloutRunner.Pacer pacer, ByteArrayOutputStream out) throws Exception {
        List<String> a = List.of("--rollout", "--profile", "p.yaml", "--service", "voice/agent", "--task-definition", "agent:2");
        return new HeadlessRollout(new PrintStream(out, true, StandardCharsets.UTF_8)).run(HeadlessRollout.Args.parse(a),
                rig.wiring, pacer);
    }

    /** The calls the simulator cut, per task id. */
    private static Map<String, Long> cutPerTask(RolloutRig rig) {
        Map<String, Long> out = new HashMap<>();
        rig.sim.model().read(m -> {
            for (TaskState t : m.cluster("voice").orElseThrow().tasks().values()) {
                long cut = m.callCounts(t).cut();
                if (cut > 0) out.put(t.id(), cut);
            }
            return null;
        });
        return out;
    }

    /**
     * An old task, running, not cordoned, with a call that will outlive Fargate's 120 s stopTimeout (the simulator
     * knows when each call ends): a StopTask now cuts it. Empty when there is none yet.
     */
    private static Optional<TaskState> busyOldTask(RolloutRig rig, String oldArn) {
        java.time.Instant beyondKill = rig.sim.clock().instant().plusSeconds(150);
        return rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().stream()
                .filter(t -> t.taskDefinitionArn().equals(oldArn) && "RUNNING".equals(t.lastStatus())
                        && "RUNNING".equals(t.desiredStatus()) && !t.workerDraining()
                        && t.calls().values().stream().anyMatch(c -> c.endsAt().isAfter(beyondKill)))
                .findFirst());
    }

    private static boolean deployed(RolloutRig rig, String target) {
        return rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").taskDefinitionArn()
                .equals(target));
    }

    @Test
    void aStopTaskBySomethingElseIsNamedAndTheRunExitsNotClean() throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String old = rig.model().taskDefinitionArn();
            String target = rig.newRevision();
            long cut0 = rig.callsCut();
            AtomicReference<String> stopped = new AtomicReference<>();
            // Another tool stops a busy old task through the SDK while the rollout replaces tasks: ECS SIGKILLs it
            // 120 s later (Fargate's stopTimeout), with whatever calls outlive that.
            RolloutRunner.Pacer pacer = d -> {
                rig.sim.advance(d);
                if (stopped.get() == null && deployed(rig, target)) {
                    busyOldTask(rig, old).ifPresent(t -> {
                        rig.aws.ecs().stopTask(b -> b.cluster("voice").task(t.arn()).reason("cleanup by the CI pipeline"));
                        stopped.set(t.id());
                    });
                }
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = headless(rig, pacer, out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(stopped.get() != null, "a busy old task was stopped by something else");
            Map<String, Long> truth = cutPerTask(rig);
            assertEquals(rig.callsCut() - cut0, truth.values().stream().mapToLong(Long::longValue).sum());
            assertEquals(Map.of(stopped.get(), truth.get(stopped.get())), truth, "only that stop cut calls: " + truth);
            assertEquals(ExitCode.NOT_CLEAN.code(), code, text);
            String last = text.lines().filter(l -> l.startsWith("completed: ")).findFirst().orElseThrow(() -> new AssertionError(text));
            assertTrue(last.contains("NOT CLEAN: task " + stopped.get() + " stopped by SIGKILL (exit 137) with "
                    + truth.get(stopped.get()) + " call"), last);
            assertTrue(last.contains("stopped by something else: user (StopTask) — UserInitiated: cleanup by the CI pipeline"), last);
            assertFalse(last.contains("0 calls on any task"), last);
        }
    }

    @Test
    void aWorkerThatExitsOnSigtermIsNamedWithTheCallsItLost() throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual(RolloutRig.SCENARIOS.resolve("rollout-sigterm-exit.yaml")
                .toString()));
        try (RolloutRig rig = new RolloutRig(sim, "voice", "agent", Profile.CordonMethod.EXEC_SIGNAL, journals)) {
            rig.newRevision();
            long cut0 = rig.callsCut();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = headless(rig, rig.sim::advance, out);
            String text = out.toString(StandardCharsets.UTF_8);
            rig.sim.advance(Duration.ofMinutes(3));
            Map<String, Long> truth = cutPerTask(rig);
            assertTrue(rig.callsCut() - cut0 > 0, "the worker's own exit cut calls");
            assertEquals(rig.callsCut() - cut0, rig.sim.groundTruth().cutByDrainTimeout());
            assertEquals(ExitCode.NOT_CLEAN.code(), code, text);
            String last = text.lines().filter(l -> l.startsWith("completed: ")).findFirst().orElseThrow(() -> new AssertionError(text));
            for (Map.Entry<String, Long> e : truth.entrySet()) {
                assertTrue(last.contains("task " + e.getKey() + " exited on SIGTERM with " + e.getValue() + " call"),
                        e + " named in: " + last);
            }
            assertFalse(last.contains("0 calls on any task"), last);
        }
    }

    @Test
    void aSecondSignalFromAnotherToolIsNamed() throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.EXEC_SIGNAL, journals)) {
            String target = rig.newRevision();
            long cut0 = rig.callsCut();
            RolloutEngine e = rig.start(target, rig.settings(1));
            AtomicInteger passes = new AtomicInteger();
            String victim = null;
            RolloutStatus s = rig.step(e);
            while (!e.ended() && passes.incrementAndGet() < 3000) {
                rig.sim.advance(Duration.ofSeconds(5));
                s = rig.step(e);
                if (victim == null) {
                    // A worker this rollout signalled, still draining calls: an older tool signals it again.
                    Optional<TaskState> draining = rig.sim.model().read(m -> m.cluster("voice").orElseThrow().services()
                            .get("agent").tasks().stream().filter(t -> t.workerDraining() && t.calls().size() >= 1
                                    && "RUNNING".equals(t.lastStatus())).findFirst());
                    if (draining.isPresent()) {
                        victim = draining.get().id();
                        new ExecSignal(rig.aws.ecs(), new ExecSession(java.net.http.HttpClient.newBuilder()
                                .connectTimeout(Duration.ofSeconds(5)).build(), rig.sim.clock()), Duration.ofSeconds(20)).run("voice", "agent",
                                draining.get().arn(), Optional.empty(), "kill -TERM 1");
                    }
                }
            }
            rig.sim.advance(Duration.ofMinutes(3));
            Map<String, Long> truth = cutPerTask(rig);
            assertTrue(victim != null, "a draining worker was found");
            assertEquals(Map.of(victim, truth.get(victim)), truth, "only the second signal cut calls");
            assertEquals(rig.callsCut() - cut0, rig.sim.groundTruth().cutBySecondSignal());
            assertTrue(s.notClean(), s.phase() + " " + s.stops() + " " + s.line());
            // Exit 1 is Python's os._exit on a second signal; the count is the last reading before the worker died.
            assertTrue(s.endReason().orElse("").contains("task " + victim + " stopped by exit 1 with "), s.line());
            assertEquals(truth.get(victim).intValue(), s.stops().likelyCut(), s.line());
        }
    }
}

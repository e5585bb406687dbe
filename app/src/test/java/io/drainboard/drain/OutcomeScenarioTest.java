package io.drainboard.drain;

import io.drainboard.aws.ssm.ExecSession;
import io.drainboard.aws.ssm.ExecSignal;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A safe drain's and a safe scale-in's outcome is what was observed on each task when it stopped: something
 * else cutting calls while they run (a StopTask through the SDK, a second signal from another tool) is named,
 * never reported clean, and the calls named are the simulator's ground truth.
 */
class OutcomeScenarioTest {
    private static final Duration REFRESH = Duration.ofSeconds(15);

    private static long cut(DrainRig rig, String taskArn) {
        return rig.sim.model().read(m -> m.callCounts(m.cluster(DrainRig.CLUSTER).orElseThrow().tasks().values().stream()
                .filter(t -> t.arn().equals(taskArn)).findFirst().orElseThrow()).cut());
    }

    /** A running task with a call that outlives Fargate's 120 s stopTimeout from now (the simulator knows). */
    private static Optional<TaskState> busyBeyondTheKill(DrainRig rig) {
        Instant beyond = rig.sim.clock().instant().plusSeconds(150);
        return rig.sim.model().read(m -> m.cluster(DrainRig.CLUSTER).orElseThrow().services().get("agent").tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                .filter(t -> t.calls().values().stream().anyMatch(c -> c.endsAt().isAfter(beyond))).findFirst());
    }

    @Test
    void aTaskStoppedBySomethingElseDuringItsDrainIsNamedNotCleanWithTheCallsCut(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            TaskState victim = busyBeyondTheKill(rig).orElseThrow();
            rig.drains.drain(DrainRig.CLUSTER, "agent", victim.arn(), DrainPlan.defaults(CordonMethod.HTTP), rig.last.takenAt());
            rig.step(REFRESH); // protected and cordoned
            rig.ecs.stopTask(b -> b.cluster(DrainRig.CLUSTER).task(victim.arn()).reason("cleanup by a pipeline"));
            DrainStatus st = rig.drains.drainOf(victim.arn()).orElseThrow().status();
            for (int i = 0; i < 200 && !st.phase().finished(); i++) {
                rig.step(REFRESH);
                st = rig.drains.drainOf(victim.arn()).orElseThrow().status();
            }
            long truth = cut(rig, victim.arn());
            assertTrue(truth > 0, "the StopTask's SIGKILL cut calls");
            assertEquals(DrainPhase.DONE, st.phase(), st.reason());
            assertFalse(st.stop().orElseThrow().clean(), st.reason());
            assertTrue(st.reason().contains("NOT CLEAN: task " + victim.id() + " stopped by SIGKILL (exit 137)"), st.reason());
            assertTrue(st.reason().contains("stopped by something else: user (StopTask) — UserInitiated: cleanup by a pipeline"),
                    st.reason());
            assertEquals(truth, st.stop().orElseThrow().likelyCut(), st.reason());
        }
    }

    @Test
    void aSecondSignalDuringASafeScaleInIsNamedNotClean(@TempDir Path dir) throws Exception {
        try (DrainRig rig = DrainRig.of("drain-fargate.yaml", dir)) {
            rig.step(Duration.ZERO);
            ServiceSnapshot svc = rig.last.service(DrainRig.CLUSTER, "agent").orElseThrow();
            rig.scaleIns.start(svc, 2, "traffic is down", ScaleIn.plan(CordonMethod.EXEC_SIGNAL, Duration.ofMinutes(45), 0.999),
                    rig.last.takenAt());
            ScaleInStatus st = rig.scaleIns.status(DrainRig.CLUSTER, "agent").orElseThrow();
            String victim = null;
            for (int i = 0; i < 4 * 60 * 4 && !st.phase().finished(); i++) {
                rig.step(REFRESH);
                st = rig.scaleIns.status(DrainRig.CLUSTER, "agent").orElseThrow();
                if (victim == null) {
                    // A chosen worker, signalled by the scale-in and still finishing a call: another tool signals it again.
                    for (DrainStatus d : st.drains()) {
                        Optional<TaskState> t = rig.sim.model().read(m -> m.cluster(DrainRig.CLUSTER).orElseThrow().tasks()
                                .values().stream().filter(x -> x.arn().equals(d.taskArn()) && x.workerDraining()
                                        && !x.calls().isEmpty() && "RUNNING".equals(x.lastStatus())).findFirst());
                        if (t.isPresent()) {
                            victim = t.get().arn();
                            new ExecSignal(rig.ecs, new ExecSession(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                                    .build(), rig.sim.clock()), Duration.ofSeconds(20)).run(DrainRig.CLUSTER, "agent", victim,
                                    Optional.empty(), "kill -TERM 1");
                            break;
                        }
                    }
                }
            }
            assertTrue(victim != null, "a chosen worker was draining calls");
            long truth = cut(rig, victim);
            assertTrue(truth > 0, "the second signal cut calls");
            assertTrue(st.phase().finished(), st.reason());
            assertFalse(st.stops().clean(), st.reason());
            String id = victim.substring(victim.lastIndexOf('/') + 1);
            assertTrue(st.reason().contains("NOT CLEAN: task " + id + " stopped by exit 1 with "), st.reason());
            assertEquals(truth, st.stops().likelyCut(), st.reason());
        }
    }
}

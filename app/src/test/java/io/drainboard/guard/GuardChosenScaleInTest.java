package io.drainboard.guard;

import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.audit.AuditLog;
import io.drainboard.aws.Regional;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.ChosenScaleIns;
import io.drainboard.drain.GuardPolicy;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.IamPolicyGenerator;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard finishes an autoscaler scale-in that ECS holds back on busy protected tasks, when the profile says
 * {@code guard.chosenScaleIn: true}: it cordons the surplus and releases it once idle, and ECS's own scale-in stops it
 * (docs/scaling.md, "Scale-in of chosen tasks"). Five workers (6 sessions each) take an 8-minute call every 30 s (16
 * calls, three on every task: LiveKit gives the next call to the emptiest worker, so no task goes idle); the guard
 * protects them; at 5 minutes Application Auto Scaling's range drops to 4, so ECS waits on 5 protected busy tasks.
 * Over real SDK clients against the simulator; ground truth: no call cut, no caller refused, no StopTask from anyone,
 * no task loses its protection while it holds a call.
 */
class GuardChosenScaleInTest {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int STEPS = 34; // 17 minutes

    /**
     * @param cordoned  tasks whose worker was cordoned at some step
     * @param bySched   of those, the ones ECS's scheduler stopped (stop code ServiceSchedulerInitiated)
     * @param openBusy  tasks that lost their protection in a guard's pass while holding a call (ground truth)
     * @param released  tasks that lost their protection in a guard's pass (ECS's scheduler may have stopped them since)
     */
    private record Outcome(int desired, int running, long cut, long refused, long stopTaskRequests, Set<String> cordoned,
                           Set<String> bySched, List<String> openBusy, Set<String> released, String log,
                           Set<String> sent, Set<String> granted) {
    }

    /**
     * Who guards the service: guard mode (the console's) without the profile key or with {@code guard.chosenScaleIn:
     * true}, or the guard service with {@code --chosen-scale-in true} over a profile without the key.
     */
    private enum By { GUARD_MODE_OFF, GUARD_MODE, GUARD_SERVICE }

    private static Outcome run(By by, Path dir) throws Exception {
        boolean key = by == By.GUARD_MODE; // the guard service is turned on by its flag, guard mode by the profile's key
        Path scenario = dir.resolve("chosen-" + by + ".yaml");
        Files.writeString(scenario, """
                name: guard-chosen-scale-in
                seed: 11
                start: "2026-03-02T00:00:00Z"
                warmup: 1m
                clusters:
                  - name: voice
                    services:
                      - name: agent
                        launchType: FARGATE
                        desiredCount: 5
                        taskDefinition: {family: agent, cpu: "1024", memory: "2048", containers: [{name: worker, stopTimeout: 120}]}
                        worker: {capacity: 6, drainTimeout: 3600s, drainRoute: true}
                        traffic: {load: 0, median: 480s, p99: 900s}
                """);
        List<String> log = new ArrayList<>();
        String profile = "name: chosen\nregion: us-east-1\nsimulator: {scenario: " + scenario + "}\nrefresh: 15s\n"
                + "cordon: {method: http}\n" + (key ? "guard: {chosenScaleIn: true}\n" : "");
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(scenario.toString()).withAutoscaling(true));
             Console console = Console.onSimulator(ProfileLoader.parse(Path.of("chosen.yaml"), profile), sim);
             EcsClient ecs = SimClients.ecs(sim);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(sim)) {
            ServiceState s = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
            sim.model().read(m -> {
                m.tagResource(s.arn(), Map.of(ChosenScaleIns.CAPACITY_TAG, "6"));
                return null;
            });
            ProtectionActions protection = new ProtectionActions(new TaskProtectionGateway(ecs),
                    new AuditLog(dir.resolve("audit-" + by), sim.clock(), "chosen"), false);
            GuardCommand.Args args = GuardCommand.Args.parse(List.of("--profile", "chosen.yaml", "--chosen-scale-in", "true"));
            GuardService guard = new GuardService(new GuardService.Settings("guard-a", "host-0", Duration.ofSeconds(60),
                    Set.of(), GuardPolicy.Settings.DEFAULT), sim.clock(), protection, new ServiceTagGateway(ecs),
                    Optional.of(new SessionMetrics(Regional.single("us-east-1", console.aws().get(0).cloudWatch()))),
                    GuardCommand.chosenScaleIn(args, console.profile(), console.actions()), log::add);
            Set<String> cordoned = new TreeSet<>(), released = new TreeSet<>();
            List<String> openBusy = new ArrayList<>();
            FleetSnapshot last = null;
            for (int i = 0; i < STEPS; i++) {
                if (i == 10) {
                    // 10 calls on 5 tasks, 16 at the steady level: Application Auto Scaling's range drops to 4 (what 16
                    // calls need at 0.7 of 6 sessions a task, so no policy moves it further), and ECS waits on the
                    // protected busy tasks. The one chosen still has a call for minutes.
                    aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/agent")
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(4).maxCapacity(4));
                }
                sim.model().read(m -> {
                    m.offerCall(s, Duration.ofMinutes(8), Duration.ofSeconds(60));
                    return null;
                });
                sim.advance(STEP);
                Map<String, Boolean> before = protectedNow(sim, s);
                last = console.refresher().readOnce(); // guard mode, when on, runs on this reading (FleetActions)
                if (by != By.GUARD_SERVICE && i == 0) console.actions().guard("voice", "agent", true, "test");
                if (by == By.GUARD_SERVICE) guard.pass(last);
                // Virtual time stands still during the passes: the calls a task holds now are those it held when read.
                sim.model().read(m -> {
                    for (TaskState t : s.taskView()) {
                        if (t.worker() == WorkerState.CORDONED) cordoned.add(t.arn());
                        if (Boolean.TRUE.equals(before.get(t.arn())) && !t.isProtected()) {
                            released.add(t.arn());
                            if (!t.calls().isEmpty()) openBusy.add(t.id() + " with " + t.calls().size() + " calls");
                        }
                    }
                    return null;
                });
                if (i % 4 == 3) {
                    var v = last.service("voice", "agent").orElseThrow();
                    log.add("TRACE " + sim.clock().instant() + " desired " + v.desiredCount() + " tasks " + v.tasks().stream()
                            .filter(t -> "RUNNING".equals(t.lastStatus())).map(t -> t.desiredStatus().charAt(0) + ":"
                                    + (t.calls().known() ? "" + t.calls().count() : "?")).toList());
                }
            }
            var svc = last.service("voice", "agent").orElseThrow();
            int running = (int) svc.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())
                    && "RUNNING".equals(t.desiredStatus())).count();
            Set<String> bySched = new TreeSet<>();
            sim.model().read(m -> {
                for (TaskState t : s.taskView()) {
                    if (cordoned.contains(t.arn()) && "STOPPED".equals(t.desiredStatus())
                            && "ServiceSchedulerInitiated".equals(t.stopCode())) bySched.add(t.arn());
                }
                return null;
            });
            // What the guard sent to AWS (the test's own scaling set-up left out), against its generated policy.
            Set<String> sent = new TreeSet<>();
            sim.requests().snapshot().keySet().stream().filter(k -> k.startsWith("ecs:") || k.startsWith("cloudwatch:")
                    || k.startsWith("autoscaling:")).forEach(sent::add);
            Set<String> granted = new TreeSet<>();
            IamPolicyGenerator.guardPolicy(console.profile()).get("Statement")
                    .forEach(st -> st.get("Action").forEach(a -> granted.add(a.asText())));
            return sim.model().read(m -> new Outcome(svc.desiredCount(), running, m.callCounts(s).cut(), m.offers(s).refused(),
                    sim.requests().count("ecs", "StopTask"), cordoned, bySched, openBusy, released,
                    String.join("\n", log), sent, granted));
        }
    }

    private static Map<String, Boolean> protectedNow(Simulator sim, ServiceState s) {
        return sim.model().read(m -> {
            Map<String, Boolean> out = new HashMap<>();
            for (TaskState t : s.taskView()) out.put(t.arn(), t.isProtected());
            return out;
        });
    }

    /** Without the key the guard is as it was: ECS keeps waiting, nothing is cordoned, nothing released for it. */
    @Test
    void withoutTheKeyEcsKeepsWaitingAndNothingIsCordonedOrReleased(@TempDir Path dir) throws Exception {
        Outcome off = run(By.GUARD_MODE_OFF, dir);
        assertEquals(4, off.desired(), "the autoscaler scaled in: " + off);
        assertEquals(5, off.running(), "ECS still waits on busy protected tasks:\n" + off.log());
        assertEquals(Set.of(), off.cordoned(), "nothing cordoned");
        assertEquals(List.of(), off.openBusy(), "no task lost its protection while it held a call");
        assertFalse(off.log().contains("scale-in of chosen tasks"), off.log());
        assertEquals(0, off.cut());
    }

    @Test
    void theGuardServiceCordonsTheSurplusAndReleasesItOnceIdleForEcsToStop(@TempDir Path dir) throws Exception {
        Outcome with = run(By.GUARD_SERVICE, dir);
        assertEquals(0, with.cut(), "no call cut:\n" + with.log());
        assertEquals(0, with.refused(), "no caller refused:\n" + with.log());
        assertEquals(4, with.desired(), with.toString());
        assertEquals(with.desired(), with.running(), "the scale-in completed:\n" + with + "\n" + with.log());
        assertFalse(with.cordoned().isEmpty(), "the surplus was cordoned: " + with);
        assertTrue(with.released().containsAll(with.cordoned()), "and released: " + with);
        assertEquals(with.cordoned(), with.bySched(), "ECS's scheduler stopped each: " + with);
        assertEquals(List.of(), with.openBusy(), "no task lost its protection while it held a call");
        assertEquals(0, with.stopTaskRequests(), "nobody sent StopTask");
        assertFalse(with.sent().contains("ecs:StopTask"), with.sent().toString());
        assertTrue(with.log().contains("scale-in of chosen tasks: cordon 1"), with.log());
        // Released by the pass itself on the first reading that shows it idle, not by the guard's idle hysteresis later.
        assertTrue(with.log().contains("scale-in of chosen tasks: cordon 0 release 1"), with.log());
        // The guard's generated policy covers everything it sent, and holds no StopTask.
        Set<String> uncovered = new TreeSet<>(with.sent());
        uncovered.removeAll(with.granted());
        assertEquals(Set.of(), uncovered, "sent by the guard but not in --iam-policy --guard");
        assertFalse(with.granted().contains("ecs:StopTask"), with.granted().toString());
    }

    /** Guard mode (the console's) runs the same scale-in of chosen tasks on the same reading. */
    @Test
    void guardModeCompletesItTheSameWay(@TempDir Path dir) throws Exception {
        Outcome mode = run(By.GUARD_MODE, dir);
        assertEquals(0, mode.cut(), "no call cut:\n" + mode.log());
        assertEquals(0, mode.refused(), "no caller refused:\n" + mode.log());
        assertEquals(mode.desired(), mode.running(), "the scale-in completed:\n" + mode + "\n" + mode.log());
        assertEquals(mode.cordoned(), mode.bySched(), "ECS's scheduler stopped each: " + mode);
        assertFalse(mode.cordoned().isEmpty(), mode.toString());
        assertEquals(List.of(), mode.openBusy(), "no task lost its protection while it held a call");
        assertEquals(0, mode.stopTaskRequests(), "nobody sent StopTask");
    }
}

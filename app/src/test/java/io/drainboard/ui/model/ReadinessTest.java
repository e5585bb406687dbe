package io.drainboard.ui.model;

import io.drainboard.calls.ActiveCall;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.fleet.ContainerSnapshot;
import io.drainboard.fleet.DeploymentConfig;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private static final Readiness.CallLength VOICE = new Readiness.CallLength(Duration.ofMinutes(25),
            LognormalSurvival.ofMedianAndP99(240, 1500));

    private static Map<String, List<Instant>> starts(List<TaskSnapshot> tasks) {
        Map<String, List<Instant>> m = new HashMap<>();
        tasks.forEach(t -> m.put(t.arn(), t.calls().calls().stream().map(ActiveCall::startedAt).toList()));
        return m;
    }

    private static List<Readiness.Warning> verdict(ServiceSnapshot s) {
        return Readiness.of(s, starts(s.tasks()), true, VOICE, NOW);
    }

    private static TaskSnapshot busy(String id, Protection p, Duration... ages) {
        return Fleets.running("prod", "support-agent", id, 41, NOW, p, Fleets.calls(Fleets.taskArn("prod", id), NOW, ages));
    }

    @Test
    void fargateCapsStopTimeoutBelowHowLongCallsLast() {
        ServiceSnapshot s = Fleets.service("prod", "support-agent", 41, List.of(busy("t1", Protection.OFF)));
        List<Readiness.Warning> w = verdict(s);
        assertTrue(w.stream().anyMatch(x -> x.title().equals("Fargate caps stopTimeout at 120 s; calls last up to 25 min (p99 in the profile)")),
                w.toString());
        assertTrue(w.stream().allMatch(x -> !x.advice().isBlank()), "every warning says what to do");
    }

    @Test
    void busyUnprotectedTasksGiveTheNativeDeployCutEstimate() {
        ServiceSnapshot s = Fleets.service("prod", "support-agent", 41, List.of(
                busy("t1", Protection.OFF, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(20)),
                busy("t2", Protection.until(NOW.plusSeconds(3600)), Duration.ofMinutes(5))));
        Readiness.Warning cut = verdict(s).stream().filter(x -> x.title().startsWith("A deploy or scale-in now would cut"))
                .findFirst().orElseThrow();
        assertEquals(Readiness.Level.WARN, cut.level(), "amber: it needs a deploy or a scale-in to bite");
        assertTrue(cut.title().endsWith("≈ 2 calls"), cut.title());
        assertTrue(cut.advice().startsWith("1 busy task unprotected"), "the protected task is not counted: " + cut.advice());
    }

    @Test
    void aTaskBeingStoppedWithCallsComesFirst() {
        TaskSnapshot dying = Fleets.sigtermed("prod", "support-agent", "t9", 41, NOW, Duration.ofSeconds(30),
                Fleets.calls(Fleets.taskArn("prod", "t9"), NOW, Duration.ofMinutes(3)));
        ServiceSnapshot s = Fleets.service("prod", "support-agent", 41, List.of(busy("t1", Protection.OFF), dying));
        Readiness.Warning first = verdict(s).get(0);
        assertEquals(Readiness.Level.DANGER, first.level());
        assertEquals("1 task being stopped with 1 live call", first.title());
    }

    @Test
    void unknownCallsAndFailedRolloutsAreSaid() {
        ServiceSnapshot base = Fleets.service("prod", "support-agent", 42, List.of(busy("t1", Protection.OFF)));
        ServiceSnapshot rolling = new ServiceSnapshot(base.clusterName(), base.name(), base.arn(), "FARGATE", 1, 1, 0,
                Fleets.tdArn("support-agent", 42), List.of(
                new DeploymentSnapshot("d2", "PRIMARY", Fleets.tdArn("support-agent", 42), 1, 0, 1, "FAILED", NOW),
                new DeploymentSnapshot("d1", "ACTIVE", Fleets.tdArn("support-agent", 41), 1, 1, 0, "COMPLETED", NOW)),
                base.tasks());
        List<Readiness.Warning> w = Readiness.of(rolling, starts(rolling.tasks()), false, VOICE, NOW);
        assertTrue(w.stream().anyMatch(x -> x.title().equals("Calls unknown on this service")));
        assertTrue(w.stream().anyMatch(x -> x.title().equals("Rollout of support-agent:42 failed") && x.level() == Readiness.Level.WARN));
        assertTrue(w.stream().anyMatch(x -> x.title().startsWith("Rollout to support-agent:42 in progress")));
        assertTrue(w.stream().noneMatch(x -> x.title().startsWith("A deploy or scale-in")), "no estimate from unknown calls");
    }

    @Test
    void tasksKilledWithExit137AreTheIncidentSignature() {
        TaskSnapshot t = busy("gone", Protection.OFF);
        TaskSnapshot killed = new TaskSnapshot(t.arn(), t.id(), t.clusterName(), t.serviceName(), t.taskDefinitionArn(),
                t.family(), t.revision(), t.launchType(), t.availabilityZone(), "STOPPED", "STOPPED", "UNKNOWN",
                t.startedAt(), Optional.of(NOW.minusSeconds(600)), t.protection(), t.calls(), t.stopTimeout(),
                List.of(new ContainerSnapshot("agent", "img", "STOPPED", Optional.of(137), Optional.empty(), "UNKNOWN")),
                Optional.empty(), Optional.empty(), Optional.of(NOW.minusSeconds(480)), Optional.of("ServiceSchedulerInitiated"),
                Optional.empty(), Optional.empty(), NOW);
        ServiceSnapshot base = Fleets.service("prod", "support-agent", 41, List.of(busy("t1", Protection.OFF)));
        ServiceSnapshot s = new ServiceSnapshot(base.clusterName(), base.name(), base.arn(), "FARGATE", 1, 1, 0,
                base.taskDefinitionArn(), List.of(), base.tasks(), "ACTIVE", List.of(), Optional.empty(), false,
                DeploymentConfig.ECS_DEFAULT, false, List.of(killed), Optional.empty());
        Readiness.Warning w = verdict(s).get(0);
        assertEquals("1 task recently stopped by SIGKILL (exit 137)", w.title());
        assertEquals(Readiness.Level.DANGER, w.level());
    }

    @Test
    void aQuietProtectedServiceIsReady() {
        ServiceSnapshot s = Fleets.service("prod", "support-agent", 41, List.of(busy("t1", Protection.until(NOW.plusSeconds(3600)),
                Duration.ofMinutes(2))));
        assertEquals(0, Readiness.serious(verdict(s)), "the Fargate stopTimeout cap is said, but badges nothing");
    }

    /**
     * The calibration (docs/ui.md): red only while calls are being cut (a busy task being stopped, recent SIGKILLs);
     * amber for what needs a deploy or a scale-in to bite; a standing setting (stopTimeout) does not badge.
     */
    @Test
    void redIsForCallsBeingCutAmberForRisksCalmOtherwise() {
        ServiceSnapshot risky = Fleets.service("prod", "support-agent", 41, List.of(
                busy("t1", Protection.OFF, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(20))));
        assertTrue(verdict(risky).stream().noneMatch(x -> x.level() == Readiness.Level.DANGER), verdict(risky).toString());
        assertTrue(Readiness.serious(verdict(risky)) > 0);
        assertTrue(verdict(risky).stream().filter(x -> x.title().startsWith("Fargate caps")).allMatch(x -> x.level() == Readiness.Level.INFO));
    }
}

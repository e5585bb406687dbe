package io.drainboard.scaling;

import io.drainboard.scaling.Finding.Kind;
import io.drainboard.scaling.ScalingConfig.Policy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each readiness finding fires on a configuration that has the fault and is silent on the good one. */
class ReadinessTest {
    private static final Recommended R = Recommended.forNamespace("Drainboard/Agents");
    private static final Instant PEAK_AT = Instant.parse("2026-03-02T09:10:00Z");

    static Policy sessions(double target, int outCooldown, int inCooldown, boolean disableScaleIn) {
        return new Policy("sessions", "arn:policy/sessions", ScalingConfig.Kind.TARGET_TRACKING, "Drainboard/Agents",
                "agent_worker_load", Optional.empty(), target, Duration.ofSeconds(outCooldown), Duration.ofSeconds(inCooldown),
                disableScaleIn, "", List.of(), Duration.ZERO, List.of("hi", "lo"));
    }

    /** Target tracking on the headroom load the guard service publishes. */
    static Policy headroom(double target) {
        return new Policy("sessions", "arn:policy/sessions", ScalingConfig.Kind.TARGET_TRACKING, "Drainboard/Sessions",
                "HeadroomLoad", Optional.empty(), target, Duration.ofSeconds(60), Duration.ofSeconds(300), false, "",
                List.of(), Duration.ZERO, List.of("hi", "lo"));
    }

    /** The scale-out-only worker-load backstop beside it. */
    static Policy backstop(double target) {
        return new Policy("worker-load-backstop", "arn:policy/backstop", ScalingConfig.Kind.TARGET_TRACKING,
                "Drainboard/Agents", "agent_worker_load", Optional.empty(), target, Duration.ofSeconds(60),
                Duration.ofSeconds(300), true, "", List.of(), Duration.ZERO, List.of("hi2"));
    }

    static Policy cpu(double target) {
        return new Policy("cpu", "arn:policy/cpu", ScalingConfig.Kind.TARGET_TRACKING, "AWS/ECS", "CPUUtilization",
                Optional.of("ECSServiceAverageCPUUtilization"), target, Duration.ofSeconds(300), Duration.ofSeconds(300),
                false, "", List.of(), Duration.ZERO, List.of());
    }

    static ScalingConfig good() {
        return new ScalingConfig(Optional.of(new ScalingConfig.Target(2, 20, false, false)),
                List.of(headroom(1.0), backstop(0.9)), List.of(), List.of(),
                Optional.of(new ScalingConfig.Ec2Capacity("voice-asg", 10, 4, "test")));
    }

    /** 10 tasks of 4 on Fargate, every busy task protected, peak 28 of 40 (30 % idle), ramp 1/min, stopTimeout 120. */
    static ServiceFacts goodFacts() {
        return new ServiceFacts("voice", "agent", "FARGATE", 10, 10, Optional.of(120), 6, 0, 14, 4, "given",
                Duration.ofSeconds(3600), "given", Duration.ofMinutes(1), Duration.ofSeconds(110), "given",
                Optional.of(new ServiceFacts.Peak(PEAK_AT, 28, 10)), Optional.of(1.0), Duration.ofSeconds(60), "given",
                Optional.empty());
    }

    static ServiceFacts facts(UnaryOperator<Object[]> change) {
        ServiceFacts g = goodFacts();
        Object[] v = {g.launchType(), g.stopTimeoutSeconds(), g.busyUnprotected(), g.p99Call(), g.peak(), g.rampPerMinute(),
                g.drainTimeout()};
        v = change.apply(v);
        @SuppressWarnings("unchecked") Optional<Integer> stop = (Optional<Integer>) v[1];
        @SuppressWarnings("unchecked") Optional<ServiceFacts.Peak> peak = (Optional<ServiceFacts.Peak>) v[4];
        @SuppressWarnings("unchecked") Optional<Double> ramp = (Optional<Double>) v[5];
        return new ServiceFacts(g.cluster(), g.service(), (String) v[0], g.runningTasks(), g.desiredCount(), stop,
                g.busyTasks(), (Integer) v[2], g.sessionsNow(), g.capacityPerTask(), g.capacityBasis(), (Duration) v[6],
                g.drainTimeoutBasis(), Duration.ofMinutes(1), (Duration) v[3], g.callBasis(), peak, ramp, g.startup(),
                g.startupBasis(), Optional.of(0.2));
    }

    static ScalingConfig with(List<Policy> policies, int min, int max) {
        ScalingConfig g = good();
        return new ScalingConfig(Optional.of(new ScalingConfig.Target(min, max, false, false)), policies, g.alarms(),
                g.scheduled(), g.ec2());
    }

    static ReadinessReport check(ScalingConfig c, ServiceFacts f) {
        return Readiness.check(c, f, R);
    }

    @Test
    void theGoodConfigurationHasNoFinding() {
        ReadinessReport r = check(good(), goodFacts());
        assertEquals(List.of(), r.findings());
        assertFalse(r.hasProblems());
    }

    @Test
    void noPolicy() {
        ReadinessReport none = check(ScalingConfig.none(), goodFacts());
        assertTrue(none.has(Kind.NO_POLICY));
        Finding f = none.findings().stream().filter(x -> x.kind() == Kind.NO_POLICY).findFirst().orElseThrow();
        assertTrue(f.fix().cli().contains("register-scalable-target") && f.fix().cli().contains("put-scaling-policy"), f.fix().cli());
        assertEquals(3, f.fix().changes().size(), "the bounds, the headroom policy and the backstop");
        assertTrue(check(with(List.of(), 2, 20), goodFacts()).has(Kind.NO_POLICY));
        assertFalse(check(good(), goodFacts()).has(Kind.NO_POLICY));
    }

    @Test
    void scalesOnCpu() {
        ReadinessReport r = check(with(List.of(cpu(70)), 2, 20), facts(v -> v));
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.NOT_ON_SESSIONS).findFirst().orElseThrow();
        assertTrue(f.measured().contains("ECSServiceAverageCPUUtilization at 70") && f.measured().contains("r = 0.20"), f.measured());
        assertTrue(f.fix().cloudFormation().contains("MetricName: HeadroomLoad")
                && f.fix().cloudFormation().contains("MetricName: agent_worker_load"), f.fix().cloudFormation());
        assertFalse(check(with(List.of(cpu(70), sessions(0.7, 60, 300, false)), 2, 20), goodFacts()).has(Kind.NOT_ON_SESSIONS));
    }

    @Test
    void scaleInWithoutProtection() {
        ReadinessReport r = check(good(), facts(v -> {
            v[2] = 4;
            return v;
        }));
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.SCALE_IN_UNPROTECTED).findFirst().orElseThrow();
        assertEquals("4 of 6 busy tasks unprotected, and sessions scales in (DisableScaleIn off)", f.measured());
        assertFalse(check(with(List.of(sessions(0.7, 60, 300, true)), 2, 20), facts(v -> {
            v[2] = 4;
            return v;
        })).has(Kind.SCALE_IN_UNPROTECTED), "DisableScaleIn on: nothing scales in");
    }

    @Test
    void scaleInTooFast() {
        ReadinessReport r = check(with(List.of(sessions(0.7, 60, 60, false)), 2, 20), goodFacts());
        assertEquals("sessions: scale-in cooldown 60 s (< 300 s)", r.findings().get(0).measured());
        Policy step = new Policy("step-in", "arn:step-in", ScalingConfig.Kind.STEP, "Drainboard/Agents", "agent_worker_load",
                Optional.empty(), 0.4, Duration.ZERO, Duration.ZERO, false, "ChangeInCapacity",
                List.of(new ScalingConfig.Step(null, 0.0, -1)), Duration.ofSeconds(60), List.of("low"));
        ScalingConfig.Alarm low = new ScalingConfig.Alarm("low", "Drainboard/Agents", "agent_worker_load", 60, 2, 2, 0.4,
                "LessThanThreshold", List.of("arn:step-in"), "OK");
        ScalingConfig c = new ScalingConfig(good().target(), List.of(sessions(0.7, 60, 300, true), step), List.of(low),
                List.of(), good().ec2());
        assertTrue(check(c, goodFacts()).has(Kind.SCALE_IN_TOO_FAST), "step scale-in on a 120 s alarm");
        ScalingConfig.Alarm slow = new ScalingConfig.Alarm("low", "Drainboard/Agents", "agent_worker_load", 60, 10, 10, 0.4,
                "LessThanThreshold", List.of("arn:step-in"), "OK");
        ScalingConfig patient = new ScalingConfig(good().target(), List.of(sessions(0.7, 60, 300, true),
                new Policy("step-in", "arn:step-in", ScalingConfig.Kind.STEP, "Drainboard/Agents", "agent_worker_load",
                        Optional.empty(), 0.4, Duration.ZERO, Duration.ZERO, false, "ChangeInCapacity",
                        List.of(new ScalingConfig.Step(null, 0.0, -1)), Duration.ofSeconds(300), List.of("low"))),
                List.of(slow), List.of(), good().ec2());
        assertFalse(check(patient, goodFacts()).has(Kind.SCALE_IN_TOO_FAST));
    }

    @Test
    void scaleOutSlowerThanTheRamp() {
        // 6 sessions/min for 6 min (3 min alarm + 2 min metric + 60 s start-up) = 36 > 12 idle at 0.7 on 10 tasks of 4.
        ReadinessReport r = check(with(List.of(sessions(0.7, 60, 300, false)), 2, 20), facts(v -> {
            v[5] = Optional.of(6.0);
            return v;
        }));
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.SCALE_OUT_TOO_SLOW).findFirst().orElseThrow();
        assertTrue(f.measured().startsWith("ramp 6.0 sessions/min × 6.0 min to new capacity"), f.measured());
        assertTrue(f.measured().endsWith("= 36 sessions > 12 idle at target 0.7 on 10 tasks"), f.measured());
        assertTrue(check(with(List.of(sessions(0.7, 900, 300, false)), 2, 20), goodFacts()).has(Kind.SCALE_OUT_TOO_SLOW),
                "a 900 s scale-out cooldown");
        assertFalse(check(good(), facts(v -> {
            v[5] = Optional.of(6.0);
            return v;
        })).has(Kind.SCALE_OUT_TOO_SLOW), "the headroom load sizes its idle room from the ramp");
    }

    @Test
    void idleRoomAsAShareWarnsAndTheHeadroomLoadIsSilent() {
        ReadinessReport r = check(with(List.of(sessions(0.7, 60, 300, false)), 2, 20), goodFacts());
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.NO_HEADROOM_METRIC).findFirst().orElseThrow();
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertTrue(f.measured().startsWith("sessions tracks ") && f.measured().endsWith(
                " at 0.7: 30 % of the workers idle at every hour"), f.measured());
        assertEquals(2, f.fix().changes().size(), "the headroom policy and the backstop");
        assertTrue(f.fix().cli().contains("--policy-name sessions-headroom") && f.fix().cli().contains("\"TargetValue\":1.0")
                && f.fix().cli().contains("\"MetricName\":\"HeadroomLoad\",\"Namespace\":\"Drainboard/Sessions\"")
                && f.fix().cli().contains("--policy-name worker-load-backstop") && f.fix().cli().contains("\"DisableScaleIn\":true"),
                f.fix().cli());
        assertTrue(f.fix().cloudFormation().contains("SessionsHeadroomPolicy:")
                && f.fix().cloudFormation().contains("WorkerLoadBackstopPolicy:"), f.fix().cloudFormation());
        assertFalse(r.hasProblems(), "a warning: the policy scales on sessions");
        assertFalse(check(good(), goodFacts()).has(Kind.NO_HEADROOM_METRIC));
        assertFalse(check(with(List.of(headroom(1.0)), 2, 20), goodFacts()).has(Kind.NO_HEADROOM_METRIC));
        assertTrue(check(with(List.of(cpu(70)), 2, 20), goodFacts()).has(Kind.NOT_ON_SESSIONS));
        assertFalse(check(with(List.of(cpu(70)), 2, 20), goodFacts()).has(Kind.NO_HEADROOM_METRIC),
                "CPU is the finding there, not the share");
    }

    @Test
    void minBelowTwo() {
        assertTrue(check(with(List.of(sessions(0.7, 60, 300, false)), 1, 20), goodFacts()).has(Kind.MIN_BELOW_TWO));
    }

    @Test
    void maxBelowThePeak() {
        ReadinessReport r = check(with(List.of(sessions(0.7, 60, 300, false)), 2, 8), goodFacts());
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.MAX_BELOW_PEAK).findFirst().orElseThrow();
        assertEquals("max capacity 8 < 9 tasks for the peak of 28 sessions (4 a task) + 20 % idle", f.measured());
        assertTrue(f.fix().cli().endsWith("--min-capacity 2 --max-capacity 9"), f.fix().cli());
        assertFalse(check(with(List.of(sessions(0.7, 60, 300, false)), 2, 9), goodFacts()).has(Kind.MAX_BELOW_PEAK));
    }

    @Test
    void lowHeadroomAtThePeakOrInTheTarget() {
        ReadinessReport r = check(good(), facts(v -> {
            v[4] = Optional.of(new ServiceFacts.Peak(PEAK_AT, 36, 10));
            return v;
        }));
        assertTrue(r.findings().stream().anyMatch(x -> x.kind() == Kind.LOW_HEADROOM && x.measured().startsWith(
                "36 sessions on 10 tasks × 4 = 10 % idle")), r.findings().toString());
        assertTrue(check(with(List.of(sessions(0.9, 60, 300, false)), 2, 20), goodFacts()).has(Kind.LOW_HEADROOM));
        assertFalse(check(with(List.of(sessions(0.8, 60, 300, false)), 2, 20), goodFacts()).has(Kind.LOW_HEADROOM));
        assertTrue(check(with(List.of(headroom(1.2), backstop(0.9)), 2, 20), goodFacts()).findings().stream().anyMatch(
                x -> x.kind() == Kind.LOW_HEADROOM && x.title().equals("Target spends the headroom")), "the headroom load above 1.0");
        assertFalse(check(good(), goodFacts()).has(Kind.LOW_HEADROOM), "a 0.9 backstop beside the headroom load");
    }

    @Test
    void ec2ClusterTooSmallForTheMaximum() {
        ServiceFacts ec2 = facts(v -> {
            v[0] = "EC2";
            return v;
        });
        ReadinessReport r = check(with(List.of(sessions(0.7, 60, 300, false)), 2, 60), ec2);
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.EC2_CAPACITY).findFirst().orElseThrow();
        assertTrue(f.measured().endsWith("= 40 < max capacity 60"), f.measured());
        assertTrue(f.fix().cli().contains("--max-size 15"), f.fix().cli());
        assertFalse(check(with(List.of(sessions(0.7, 60, 300, false)), 2, 40), ec2).has(Kind.EC2_CAPACITY));
        assertFalse(check(with(List.of(sessions(0.7, 60, 300, false)), 2, 60), goodFacts()).has(Kind.EC2_CAPACITY),
                "Fargate has no cluster capacity to check");
    }

    @Test
    void stopTimeoutShorterThanCalls() {
        ReadinessReport r = check(good(), facts(v -> {
            v[0] = "EC2";
            v[1] = Optional.of(30);
            v[2] = 2;
            v[3] = Duration.ofMinutes(25);
            return v;
        }));
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.STOP_TIMEOUT_SHORT).findFirst().orElseThrow();
        assertEquals(Finding.Severity.PROBLEM, f.severity());
        assertTrue(f.measured().startsWith("stopTimeout 30 s, drain_timeout 3600 s"), f.measured());
        assertTrue(f.fix().cloudFormation().contains("StopTimeout: 1500"), f.fix().cloudFormation());
        assertTrue(check(good(), facts(v -> {
            v[0] = "EC2";
            v[3] = Duration.ofMinutes(25);
            v[6] = Duration.ofMinutes(10);
            v[1] = Optional.of(3600);
            return v;
        })).findings().stream().anyMatch(x -> x.kind() == Kind.STOP_TIMEOUT_SHORT && x.title().startsWith("drain_timeout")));
        assertFalse(check(good(), goodFacts()).has(Kind.STOP_TIMEOUT_SHORT));
    }

    @Test
    void fargateWithCallsLongerThanItsCap() {
        ReadinessReport unprotected = check(good(), facts(v -> {
            v[2] = 3;
            v[3] = Duration.ofMinutes(25);
            return v;
        }));
        Finding f = unprotected.findings().stream().filter(x -> x.kind() == Kind.FARGATE_LONG_CALLS).findFirst().orElseThrow();
        assertEquals(Finding.Severity.PROBLEM, f.severity());
        assertTrue(f.measured().startsWith("p99 call 1500 s > Fargate's 120 s stopTimeout cap; "), f.measured());
        ReadinessReport guarded = check(good(), facts(v -> {
            v[3] = Duration.ofMinutes(25);
            return v;
        }));
        assertEquals(Finding.Severity.WARNING, guarded.findings().stream().filter(x -> x.kind() == Kind.FARGATE_LONG_CALLS)
                .findFirst().orElseThrow().severity(), "every busy task protected: a warning, not a problem");
        assertFalse(guarded.hasProblems());
        assertFalse(check(good(), goodFacts()).has(Kind.FARGATE_LONG_CALLS));
    }
}

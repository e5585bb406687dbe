package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.drainboard.rollout.Snapshots.NOW;
import static io.drainboard.rollout.Snapshots.TD2;
import static io.drainboard.rollout.Snapshots.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each preflight check: pass, warn or fail, with what it found and the fix. */
class PreflightTest {
    private static final List<io.drainboard.fleet.TaskSnapshot> FOUR = List.of(task("a", 60), task("b", 600, 30),
            task("c"), task("d", 1200));

    private static PreflightCheck check(String name, Preflight.Inputs in) {
        return Preflight.run(in).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Preflight.Inputs inputs(ServiceSnapshot s) {
        return new Preflight.Inputs(s, Snapshots.revision2(120), Optional.of(new ScalableTargetGateway.Scaling(4, 8, false,
                false, false)), Optional.empty(), Optional.empty(), Snapshots.settings("exec-signal", 1), false, NOW);
    }

    @Test
    void aHealthyServicePassesEveryCheck() {
        List<PreflightCheck> checks = Preflight.run(inputs(Snapshots.service(4, FOUR)));
        assertTrue(Preflight.canStart(checks), checks.toString());
        assertTrue(checks.stream().allMatch(c -> c.verdict() == PreflightCheck.Verdict.PASS), checks.toString());
        PreflightCheck stop = checks.stream().filter(c -> c.name().startsWith("Stop timeout")).findFirst().orElseThrow();
        assertTrue(stop.detail().contains("a native deploy now would cut ≈"), stop.detail());
    }

    @Test
    void execSignalWithoutEcsExecFailsWithTheCommandThatFixesIt() {
        ServiceSnapshot s = Snapshots.service(4, FOUR, false, false, List.of(Snapshots.primary()));
        PreflightCheck c = check("Cordon", inputs(s));
        assertEquals(PreflightCheck.Verdict.FAIL, c.verdict());
        assertTrue(c.fix().contains("--enable-execute-command"), c.fix());
        assertFalse(Preflight.canStart(Preflight.run(inputs(s))));
    }

    @Test
    void fargateDefaultStopTimeoutWarnsToRaiseItTo120() {
        Preflight.Inputs in = new Preflight.Inputs(Snapshots.service(4, FOUR), Snapshots.revision2(null), Optional.empty(),
                Optional.empty(), Optional.empty(), Snapshots.settings("exec-signal", 1), false, NOW);
        PreflightCheck c = check("Stop timeout vs call length", in);
        assertEquals(PreflightCheck.Verdict.WARN, c.verdict());
        assertTrue(c.detail().contains("stopTimeout 30 s"), c.detail());
        assertTrue(c.fix().contains("stopTimeout: 120"), c.fix());
    }

    @Test
    void anotherConsolesLiveLockFailsAndNamesItsHolder() {
        LockHolder alice = new LockHolder("alice", "laptop", NOW.plus(Duration.ofMinutes(5)), "x1", "r-1");
        Preflight.Inputs in = new Preflight.Inputs(Snapshots.service(4, FOUR), Snapshots.revision2(120), Optional.empty(),
                Optional.empty(), Optional.of(alice), Snapshots.settings("exec-signal", 1), false, NOW);
        PreflightCheck c = check("Rollout lock", in);
        assertEquals(PreflightCheck.Verdict.FAIL, c.verdict());
        assertTrue(c.detail().contains("alice@laptop"), c.detail());
        LockHolder stale = new LockHolder("bob", "ci", NOW.minusSeconds(1), "x2", "r-2");
        Preflight.Inputs old = new Preflight.Inputs(Snapshots.service(4, FOUR), Snapshots.revision2(120), Optional.empty(),
                Optional.empty(), Optional.of(stale), Snapshots.settings("exec-signal", 1), false, NOW);
        assertEquals(PreflightCheck.Verdict.WARN, check("Rollout lock", old).verdict());
    }

    @Test
    void fiveDeploymentsFailAndADeploymentInProgressFails() {
        DeploymentSnapshot d = Snapshots.primary();
        List<DeploymentSnapshot> five = List.of(d, d, d, d, d);
        assertEquals(PreflightCheck.Verdict.FAIL, check("Deployments",
                inputs(Snapshots.service(4, FOUR, true, false, five))).verdict());
        DeploymentSnapshot running = new DeploymentSnapshot("ecs-svc/2", "PRIMARY", "arn:other:3", 4, 2, 2, "IN_PROGRESS", NOW);
        assertEquals(PreflightCheck.Verdict.FAIL, check("Deployments",
                inputs(Snapshots.service(4, FOUR, true, false, List.of(running, d)))).verdict());
    }

    @Test
    void moreRunningThanDesiredWarnsThatTheSurplusIsDrainedFirst() {
        PreflightCheck c = check("Protection vs desired count", inputs(Snapshots.service(3, FOUR)));
        assertEquals(PreflightCheck.Verdict.WARN, c.verdict());
        assertTrue(c.detail().contains("DEPLOYMENT_BLOCKED"), c.detail());
    }

    @Test
    void aLoadBalancerWarnsAboutTheDeregistrationDelay() {
        PreflightCheck c = check("Load balancer deregistration",
                inputs(Snapshots.service(4, FOUR, true, true, List.of(Snapshots.primary()))));
        assertEquals(PreflightCheck.Verdict.WARN, c.verdict());
        assertTrue(c.fix().contains("deregistration delay"));
    }

    @Test
    void unknownCallsFailAndScalingUnreadableWarns() {
        ServiceSnapshot s = Snapshots.service(4, List.of(task("a"), Snapshots.unknownCalls("b")));
        assertEquals(PreflightCheck.Verdict.FAIL, check("Calls", inputs(s)).verdict());
        Preflight.Inputs in = new Preflight.Inputs(Snapshots.service(4, FOUR), Snapshots.revision2(120), Optional.empty(),
                Optional.of("access denied"), Optional.empty(), Snapshots.settings("exec-signal", 1), false, NOW);
        PreflightCheck c = check("Scale-in suspension", in);
        assertEquals(PreflightCheck.Verdict.WARN, c.verdict());
        assertTrue(c.fix().contains("RegisterScalableTarget"));
    }

    @Test
    void capacityCountsTheSpareAndTheRevisionMustDiffer() {
        PreflightCheck c = check("Capacity headroom", inputs(Snapshots.service(4, FOUR)));
        assertTrue(c.detail().contains("maximumPercent 150 %"), c.detail());
        assertTrue(c.detail().contains("2 above desired"), c.detail());
        Preflight.Inputs same = new Preflight.Inputs(Snapshots.service(4, FOUR),
                new io.drainboard.aws.ServiceDeployGateway.Revision(Snapshots.TD1, "agent", 1, List.of(), List.of()),
                Optional.empty(), Optional.empty(), Optional.empty(), Snapshots.settings("http", 1), false, NOW);
        assertEquals(PreflightCheck.Verdict.FAIL, check("Revision", same).verdict());
        assertTrue(TD2.endsWith(":2"));
    }

    @Test
    void aReadOnlyProfileCannotRollOut() {
        Preflight.Inputs in = new Preflight.Inputs(Snapshots.service(4, FOUR), Snapshots.revision2(120), Optional.empty(),
                Optional.empty(), Optional.empty(), Snapshots.settings("http", 1), true, NOW);
        assertFalse(Preflight.canStart(Preflight.run(in)));
    }
}

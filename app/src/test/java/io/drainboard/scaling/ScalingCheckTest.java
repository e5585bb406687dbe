package io.drainboard.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.history.History;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.scaling.Finding.Kind;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness read through the real SDK clients from the simulator: a service scaled on CPU with a quick scale-in, a
 * minimum of one and unprotected busy tasks fires those findings; the same service scaled on sessions, with a
 * minimum of two and workers that protect themselves, has no problem. {@code --check --json} exits 4 on the first.
 */
class ScalingCheckTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "small-fleet.yaml");
    private static final String AGENT = "service/voice/agent";
    private Console console;
    private Simulator sim;
    private ApplicationAutoScalingClient aas;
    private History history;

    @BeforeEach
    void open() throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        Profile p = ProfileLoader.parse(Path.of("check.yaml"), "name: check\nregion: us-east-1\nsimulator: {scenario: "
                + SCENARIO.toAbsolutePath() + "}\ncalls: {source: worker}\ncallLength: {median: 4m, p99: 20m}\n");
        console = Console.onSimulator(p, sim);
        aas = SimClients.appAutoScaling(sim);
        history = History.none(sim.clock(), "not needed");
    }

    @AfterEach
    void close() {
        aas.close();
        console.close();
    }

    private ReadinessCheck check() {
        return new ReadinessCheck(console.profile(), console.aws(), history, console.clock(),
                new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7)));
    }

    private ReadinessReport agentReport() {
        FleetSnapshot snap = console.refresher().readOnce();
        return check().check(snap.service("voice", "agent").orElseThrow());
    }

    private void badScaling() {
        aas.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("agent-load-target-tracking"));
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(8));
        aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("cpu70")
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(70.0).scaleInCooldown(60).scaleOutCooldown(60)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("ECSServiceAverageCPUUtilization"))));
    }

    @Test
    void aCpuPolicyWithQuickScaleInAndNoProtectionFires() {
        badScaling();
        sim.advance(Duration.ofMinutes(20)); // a day of CPU is not needed: 20 minutes give r
        ReadinessReport r = agentReport();
        for (Kind k : List.of(Kind.NOT_ON_SESSIONS, Kind.SCALE_IN_TOO_FAST, Kind.MIN_BELOW_TWO, Kind.SCALE_IN_UNPROTECTED,
                Kind.FARGATE_LONG_CALLS)) {
            assertTrue(r.has(k), k + " in " + r.findings());
        }
        Finding cpu = r.findings().stream().filter(f -> f.kind() == Kind.NOT_ON_SESSIONS).findFirst().orElseThrow();
        assertTrue(cpu.measured().contains("cpu70 tracks ECSServiceAverageCPUUtilization at 70"), cpu.measured());
        assertTrue(cpu.measured().contains("CPU follows worker load with r = "), "the correlation was measured: " + cpu.measured());
        assertTrue(r.hasProblems());
    }

    @Test
    void sessionsTrackingWithProtectedWorkersHasNoProblem() {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(12));
        aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("agent-load-target-tracking")
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(0.7).scaleInCooldown(300).scaleOutCooldown(60)
                        .customizedMetricSpecification(m -> m.namespace("Drainboard/Agents").metricName("agent_worker_load")
                                .statistic("Average").dimensions(d -> d.name("ClusterName").value("voice"),
                                        d -> d.name("ServiceName").value("agent")))));
        sim.model().read(m -> {
            ServiceState s = m.cluster("voice").orElseThrow().services().get("agent");
            m.selfProtect(s, io.drainboard.sim.model.SelfProtection.Settings.DEFAULT);
            return null;
        });
        sim.advance(Duration.ofMinutes(30)); // every call now running started on a self-protecting worker
        ReadinessReport r = agentReport();
        assertTrue(r.facts().busyTasks() > 0, "calls are running");
        assertEquals(0, r.facts().busyUnprotected());
        assertFalse(r.hasProblems(), r.findings().toString());
        assertTrue(r.has(Kind.FARGATE_LONG_CALLS), "still said, as a warning: only protection keeps those calls");
    }

    /**
     * Direct scaling in the profile beside the simulator's own worker-load policy (which scales in): two writers of
     * the count, and no guard service leading. The conflict's fix, applied through the real client (audited),
     * removes that policy and puts the backstop; with a guard service's live lease on the service, the recommended
     * setup has no problem and neither finding.
     */
    @Test
    void directScalingBesideAPolicyThatScalesInConflictsUntilTheRecommendedSetup(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Profile direct = ProfileLoader.parse(Path.of("direct.yaml"), "name: direct\nregion: us-east-1\nsimulator: {scenario: "
                + SCENARIO.toAbsolutePath() + "}\ncalls: {source: worker}\ncallLength: {median: 4m, p99: 20m}\n"
                + "guard: {scaling: {direct: {scaleInAfter: 5m, lead: 3m, share: 0.1}}}\n");
        ReadinessCheck check = new ReadinessCheck(direct, console.aws(), history, console.clock(),
                new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7)));
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(12));
        sim.model().read(m -> {
            m.selfProtect(m.cluster("voice").orElseThrow().services().get("agent"),
                    io.drainboard.sim.model.SelfProtection.Settings.DEFAULT);
            return null;
        });
        sim.advance(Duration.ofMinutes(30));
        var agent = console.refresher().readOnce().service("voice", "agent").orElseThrow();
        ReadinessReport before = check.check(agent);
        Finding conflict = before.findings().stream().filter(f -> f.kind() == Kind.SCALING_CONFLICT).findFirst()
                .orElseThrow(() -> new AssertionError(before.findings().toString()));
        assertTrue(conflict.measured().contains("agent-load-target-tracking (target tracking on Drainboard/Agents"
                + " agent_worker_load) scales in"), conflict.measured());
        assertTrue(before.has(Kind.DIRECT_NOT_RUNNING), "no guard service leads: " + before.findings());
        assertFalse(check().check(agent).has(Kind.SCALING_CONFLICT), "the console's own profile has no direct scaling");

        io.drainboard.audit.AuditLog audit = new io.drainboard.audit.AuditLog(dir, sim.clock(), "check");
        new FixApplier(direct, console.aws(), audit).apply(agent.arn(), before, conflict, "direct scaling");
        var policies = aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT))
                .scalingPolicies();
        assertEquals(List.of(Recommended.BACKSTOP_POLICY), policies.stream().map(p -> p.policyName()).toList());
        assertTrue(policies.get(0).targetTrackingScalingPolicyConfiguration().disableScaleIn());
        assertTrue(audit.recent(10).stream().anyMatch(e -> e.action().equals("scaling-fix SCALING_CONFLICT")));

        java.time.Instant now = sim.clock().instant();
        sim.model().tagResource(agent.arn(), java.util.Map.of(io.drainboard.drain.GuardLease.TAG,
                new io.drainboard.drain.GuardLease("guard-1", "host", now.plus(Duration.ofMinutes(5)), now, Duration.ZERO)
                        .tagValue()));
        ReadinessReport after = check.check(console.refresher().readOnce().service("voice", "agent").orElseThrow());
        assertTrue(after.facts().guardLeads());
        assertFalse(after.has(Kind.SCALING_CONFLICT), after.findings().toString());
        assertFalse(after.has(Kind.DIRECT_NOT_RUNNING), after.findings().toString());
        assertFalse(after.hasProblems(), after.findings().toString());
    }

    /** Target tracking on the headroom load, read through the SDK, from a profile without direct scaling: a warning. */
    @Test
    void theHeadroomLoadWithoutDirectScalingWarns() {
        aas.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("agent-load-target-tracking"));
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(12));
        aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("sessions-headroom")
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(1.0).scaleInCooldown(300).scaleOutCooldown(60)
                        .customizedMetricSpecification(m -> m.namespace("Drainboard/Sessions").metricName("HeadroomLoad")
                                .statistic("Average").dimensions(d -> d.name("ClusterName").value("voice"),
                                        d -> d.name("ServiceName").value("agent")))));
        ReadinessReport r = agentReport();
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.NOT_DIRECT).findFirst()
                .orElseThrow(() -> new AssertionError(r.findings().toString()));
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertTrue(f.measured().startsWith("sessions-headroom tracks Drainboard/Sessions HeadroomLoad at 1; desired "),
                f.measured());
        assertFalse(r.has(Kind.NO_HEADROOM_METRIC));
    }

    @Test
    void checkJsonExitsWithFindingsForCi() throws Exception {
        badScaling();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        ExitCode code = ScalingCheckCommand.run(check(), console.refresher().readOnce(),
                ScalingCheckCommand.Args.parse(List.of("--check", "--profile", "x.yaml", "--service", "voice/agent", "--json",
                        "--capacity", "4")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCode.FINDINGS, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(4, code.code());
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(json.get("problems").asInt() >= 4);
        JsonNode agent = json.get("services").get(0);
        assertEquals("voice/agent", agent.get("service").asText());
        JsonNode minFinding = null;
        for (JsonNode f : agent.get("findings")) if (f.get("kind").asText().equals("MIN_BELOW_TWO")) minFinding = f;
        assertEquals("min capacity 1", minFinding.get("measured").asText());
        assertTrue(minFinding.get("fix").get("cli").asText().contains("--min-capacity 2 --max-capacity 8"));
        assertTrue(minFinding.get("fix").get("cloudFormation").asText().contains("MinCapacity: 2"));

        ByteArrayOutputStream missing = new ByteArrayOutputStream();
        assertEquals(ExitCode.NOT_FOUND, ScalingCheckCommand.run(check(), console.refresher().readOnce(),
                ScalingCheckCommand.Args.parse(List.of("--check", "--profile", "x.yaml", "--service", "voice/nope")),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(missing)));
    }
}

package io.drainboard;

import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.rollout.PreflightReader;
import io.drainboard.rollout.RolloutEngine;
import io.drainboard.rollout.RolloutJournal;
import io.drainboard.rollout.RolloutPhase;
import io.drainboard.rollout.RolloutSpec;
import io.drainboard.rollout.RolloutStatus;
import io.drainboard.rollout.RolloutWiring;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Scope;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A profile with two regions on a simulator that serves both (the same cluster and service names in each): the
 * console reads both, and every mutation on a task or service of the second region lands in the second region,
 * none in the first.
 */
class TwoRegionsTest {
    static final String SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "regions.yaml")
            .toString();
    static final String ACCOUNT = "111111111111";
    static final Scope FIRST = new Scope(ACCOUNT, "us-east-1");
    static final Scope SECOND = new Scope(ACCOUNT, "eu-west-1");
    /** Every call that changes a fleet, by service: none of them may reach the first region. */
    static final Map<String, List<String>> MUTATIONS = Map.of(
            "ecs", List.of("UpdateTaskProtection", "StopTask", "ExecuteCommand", "UpdateService", "RegisterTaskDefinition",
                    "TagResource", "UntagResource", "UpdateContainerInstancesState"),
            "application-autoscaling", List.of("RegisterScalableTarget"),
            "autoscaling", List.of("SetInstanceProtection", "SetDesiredCapacity"));

    @TempDir
    Path data;
    private final String before = System.getProperty("drainboard.dataDir");
    private Simulator sim;
    private Console console;

    @BeforeEach
    void open() throws Exception {
        System.setProperty("drainboard.dataDir", data.toString());
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO));
        console = Console.onSimulator(ProfileLoader.parse(Path.of("two-regions.yaml"), "name: two-regions\n"
                + "regions: [us-east-1, eu-west-1]\nsimulator: {scenario: '" + SCENARIO + "'}\nrefresh: 5s\n"
                + "cordon: {method: http}\ncallLength: {median: 2m, p99: 10m}\n"), sim);
    }

    @AfterEach
    void close() {
        console.close();
        if (before == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", before);
    }

    private FleetSnapshot step() {
        return step(Duration.ofSeconds(5));
    }

    private FleetSnapshot step(Duration d) {
        sim.advance(d);
        return console.refresher().readOnce();
    }

    private static TaskSnapshot runningTaskIn(FleetSnapshot s, String region, String service) {
        return s.clusters().stream().filter(c -> c.region().equals(region)).flatMap(c -> c.services().stream())
                .filter(svc -> svc.name().equals(service)).flatMap(svc -> svc.tasks().stream())
                .filter(t -> "RUNNING".equals(t.lastStatus())).findFirst().orElseThrow();
    }

    private long mutationsIn(Scope scope) {
        long n = 0;
        for (var e : MUTATIONS.entrySet()) {
            for (String op : e.getValue()) n += sim.requests().count(scope, e.getKey(), op);
        }
        return n;
    }

    @Test
    void theConsoleReadsBothRegions() {
        FleetSnapshot s = console.refresher().readOnce();
        assertTrue(s.errors().isEmpty(), s.errors().toString());
        assertEquals(List.of("us-east-1/voice", "eu-west-1/voice"),
                s.clusters().stream().map(c -> c.region() + "/" + c.name()).toList());
        for (ClusterSnapshot c : s.clusters()) {
            assertTrue(c.arn().startsWith("arn:aws:ecs:" + c.region() + ":" + ACCOUNT + ":cluster/"), c.arn());
        }
        assertEquals(2 + 3 + 2, s.tasks().count(), "2 agent tasks in us-east-1, 3 agent and 2 dialer tasks in eu-west-1");
        assertTrue(sim.requests().count(SECOND, "ecs", "ListClusters") > 0, "eu-west-1 was read in eu-west-1");
    }

    @Test
    void protectionAndADrainOfASecondRegionTaskLandInTheSecondRegionOnly() {
        TaskSnapshot t = runningTaskIn(console.refresher().readOnce(), "eu-west-1", "agent");
        sim.requests().reset();

        List<TaskProtectionGateway.Outcome> o = console.actions().protect("voice", List.of(t.arn()), 30, "test");
        assertTrue(o.get(0).ok(), o.toString());
        assertEquals(1, sim.requests().count(SECOND, "ecs", "UpdateTaskProtection"));
        assertTrue(sim.fleet("eu-west-1").model().<Boolean>read(m -> m.task(t.arn()).orElseThrow().isProtected()));

        console.actions().drain("voice", "agent", t.arn(), "test: drain in eu-west-1");
        DrainStatus d = null;
        for (int i = 0; i < 12 * 60 && (d == null || !d.phase().finished()); i++) {
            step();
            d = console.actions().drains().stream().filter(x -> x.taskArn().equals(t.arn())).findFirst().orElseThrow();
            assertFalse(d.phase() == DrainPhase.FAILED, d.reason());
        }
        assertEquals(DrainPhase.DONE, d.phase(), d.reason());
        assertEquals(1, sim.requests().count(SECOND, "ecs", "StopTask"), "the idle task was stopped where it runs");
        TaskState after = sim.fleet("eu-west-1").model().read(m -> m.task(t.arn()).orElseThrow());
        assertEquals("STOPPED", after.desiredStatus());
        assertEquals(0, mutationsIn(FIRST), "nothing went to us-east-1: " + sim.requests().snapshotByScope());
        assertEquals(0, sim.groundTruth().callsCut());
    }

    @Test
    void aRolloutOfASecondRegionServiceActsInTheSecondRegionOnly() {
        FleetSnapshot s = console.refresher().readOnce();
        ServiceSnapshot svc = s.service("voice", "agent", runningTaskIn(s, "eu-west-1", "agent").arn()).orElseThrow();
        assertTrue(svc.arn().contains(":eu-west-1:"), svc.arn());
        sim.requests().reset();
        try (RolloutWiring w = RolloutWiring.of(console, new RolloutJournal(data.resolve("journal")))) {
            String target = w.deploys(svc.arn()).registerCopy(svc.taskDefinitionArn()).arn();
            assertTrue(target.startsWith("arn:aws:ecs:eu-west-1:"), target);
            var settings = w.settings("voice", "agent", 2);
            PreflightReader.Report r = w.preflight().check(svc, target, settings, s.takenAt());
            assertTrue(r.canStart(), r.checks().toString());
            RolloutSpec spec = PreflightReader.spec(svc, r.target(), settings);
            RolloutEngine e = RolloutEngine.start(spec, w.effects(spec), w.journal(), s.takenAt());
            RolloutStatus end = e.status();
            for (int i = 0; i < 6 * 60 * 3 && !e.ended(); i++) end = e.step(step(Duration.ofSeconds(10)));
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
        }
        List<TaskState> eu = sim.fleet("eu-west-1").model().read(m -> m.cluster("voice").orElseThrow().services()
                .get("agent").tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList());
        assertTrue(eu.stream().allMatch(t -> t.taskDefinitionArn().endsWith("agent:2")), "eu-west-1 runs the new revision");
        assertTrue(sim.requests().count(SECOND, "ecs", "UpdateService") > 0);
        assertTrue(sim.requests().count(SECOND, "application-autoscaling", "RegisterScalableTarget") > 0);
        assertEquals(0, mutationsIn(FIRST), "nothing went to us-east-1: " + sim.requests().snapshotByScope());
        List<TaskState> us = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks());
        assertTrue(us.stream().allMatch(t -> t.taskDefinitionArn().endsWith("agent:1")), "us-east-1 untouched");
        assertEquals(0, sim.groundTruth().callsCut());
    }

    @Test
    void aTaskInARegionTheProfileDoesNotReachIsRefusedNotSentElsewhere() throws Exception {
        try (Console usOnly = Console.onSimulator(ProfileLoader.parse(Path.of("us.yaml"), "name: us\n"
                + "region: us-east-1\nsimulator: {scenario: '" + SCENARIO + "'}\n"), Simulator.start(Simulator.Options.virtual(SCENARIO)))) {
            Simulator other = usOnly.simulator().orElseThrow();
            String euTask = other.fleet("eu-west-1").model().read(m -> m.cluster("voice").orElseThrow().services()
                    .get("agent").tasks().get(0).arn());
            List<TaskProtectionGateway.Outcome> o = usOnly.actions().protect("voice", List.of(euTask), 30, "test");
            assertFalse(o.get(0).ok());
            assertTrue(o.get(0).message().contains("does not reach"), o.get(0).message());
            assertEquals(0, other.requests().count("ecs", "UpdateTaskProtection"), "sent nowhere");
        }
    }
}

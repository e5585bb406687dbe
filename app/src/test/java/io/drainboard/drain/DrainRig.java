package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.Console;
import io.drainboard.audit.AuditLog;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.aws.ssm.ExecSession;
import io.drainboard.aws.ssm.ExecSignal;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.ServiceState;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The whole drain stack over real wires: the simulator in virtual time, the console's read path, and
 * the drain engine with every cordon method, audited into a temp directory.
 */
final class DrainRig implements AutoCloseable {
    static final String CLUSTER = "voice";
    final Simulator sim;
    final Console console;
    final EcsClient ecs;
    final AuditLog audit;
    final ProtectionActions protection;
    final DrainCoordinator drains;
    final ServiceGuard guard;
    final ScaleIns scaleIns;
    FleetSnapshot last;

    DrainRig(String scenario, Simulator.Options options, Path dataDir) throws Exception {
        sim = Simulator.start(options);
        console = Console.onSimulator(ProfileLoader.parse(Path.of("drain-test.yaml"),
                "name: drain-test\nregion: us-east-1\nsimulator: {scenario: " + scenario + "}\nrefresh: 5s\n"), sim);
        ecs = SimClients.ecs(sim);
        audit = new AuditLog(dataDir, sim.clock(), "drain-test");
        protection = new ProtectionActions(new TaskProtectionGateway(ecs), audit, false);
        Map<CordonMethod, Cordoner> cordoners = Map.of(
                CordonMethod.HTTP, new HttpCordon(sim.endpoint() + "/workers/{taskId}/drain"),
                CordonMethod.EXEC_SIGNAL, new ExecCordon(() -> new ExecSignal(ecs, new ExecSession(), Duration.ofSeconds(20)),
                        "kill -TERM 1", Optional.empty(), SignalMark.of(new io.drainboard.aws.ServiceTagGateway(ecs), sim.clock())),
                CordonMethod.NONE, (cluster, service, task) -> null);
        FleetDrainEffects effects = new FleetDrainEffects(protection, new EcsMutations(ecs), audit, cordoners, false);
        CutRisk risk = new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1800));
        drains = new DrainCoordinator(effects, risk, 1);
        guard = new ServiceGuard(protection);
        scaleIns = new ScaleIns(protection, effects, new ServiceScaling(new EcsMutations(ecs), audit, false), risk, guard);
    }

    static DrainRig of(String scenarioFile, Path dataDir) throws Exception {
        String path = Path.of("..", "simulator", "src", "test", "resources", "scenarios", scenarioFile).toString();
        return new DrainRig(path, Simulator.Options.virtual(path), dataDir);
    }

    /** Advances virtual time, refreshes the fleet through the real clients, and lets the engines act. */
    FleetSnapshot step(Duration d) {
        sim.clock().advance(d);
        sim.model().sync();
        last = console.refresher().readOnce();
        guard.snapshot(last);
        drains.snapshot(last);
        scaleIns.snapshot(last);
        return last;
    }

    TaskSnapshot busiest(String service) {
        return last.service(CLUSTER, service).orElseThrow().tasks().stream()
                .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
    }

    CallCounts truth(String service) {
        return sim.model().read(m -> {
            ServiceState s = m.cluster(CLUSTER).orElseThrow().services().get(service);
            return m.callCounts(s);
        });
    }

    @Override
    public void close() {
        ecs.close();
        console.close();
    }
}

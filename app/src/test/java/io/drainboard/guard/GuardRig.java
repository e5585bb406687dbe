package io.drainboard.guard;

import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.audit.AuditLog;
import io.drainboard.aws.Regional;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.GuardPolicy;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Guard service replicas over real wires against the simulator in virtual time: one console read path, and each
 * replica with its own protection actions (so its own grants), tag gateway and CloudWatch client, as separate
 * processes would have. A replica that is "killed" is simply no longer stepped.
 */
final class GuardRig implements AutoCloseable {
    final Simulator sim;
    final Console console;
    final EcsClient ecs;
    final CloudWatchClient cloudWatch;
    final List<GuardService> replicas = new ArrayList<>();
    final List<Boolean> alive = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    private final Path dataDir;
    FleetSnapshot last;

    GuardRig(String scenario, Simulator.Options options, Path dataDir) throws Exception {
        this.dataDir = dataDir;
        sim = Simulator.start(options);
        console = Console.onSimulator(ProfileLoader.parse(Path.of("guard-test.yaml"),
                "name: guard-test\nregion: us-east-1\nsimulator: {scenario: " + scenario + "}\nrefresh: 15s\n"), sim);
        ecs = SimClients.ecs(sim);
        cloudWatch = console.aws().get(0).cloudWatch();
    }

    static String scenario(String file) {
        return Path.of("..", "simulator", "src", "test", "resources", "scenarios", file).toString();
    }

    GuardService replica(String id, Duration leaseTtl, Set<String> services) {
        return replica(id, leaseTtl, services, audit -> Optional.empty());
    }

    /** The audit log of the replica {@code id} (its protections and, with direct scaling, its desired counts). */
    AuditLog audit(String id) {
        return new AuditLog(dataDir.resolve(id), sim.clock(), "guard-test");
    }

    /** @param direct the replica's direct scaling, given the replica's audit log */
    GuardService replica(String id, Duration leaseTtl, Set<String> services,
                         java.util.function.Function<AuditLog, Optional<DirectScaling>> direct) {
        int n = replicas.size();
        AuditLog audit = audit(id);
        ProtectionActions protection = new ProtectionActions(new TaskProtectionGateway(ecs), audit, false);
        GuardService g = new GuardService(new GuardService.Settings(id, "host-" + n, leaseTtl, services,
                GuardPolicy.Settings.DEFAULT), sim.clock(), protection, new ServiceTagGateway(ecs),
                Optional.of(new SessionMetrics(Regional.single("us-east-1", cloudWatch))), Optional.empty(),
                direct.apply(audit), line -> log.add(id + " " + line));
        replicas.add(g);
        alive.add(true);
        return g;
    }

    void kill(int replica) {
        alive.set(replica, false);
    }

    /** A new process in the place of a killed one: a new id, no memory of what the old one granted. */
    void restart(int replica, String id, Duration leaseTtl) {
        GuardService old = replicas.get(replica);
        GuardService fresh = replica(id, leaseTtl, old.settings().services());
        replicas.set(replica, fresh);
        replicas.remove(replicas.size() - 1);
        alive.remove(alive.size() - 1);
        alive.set(replica, true);
    }

    /** Advances virtual time (every minute on the way: metrics, the autoscaler), reads, lets the live replicas act. */
    FleetSnapshot step(Duration d) {
        sim.advance(d);
        last = console.refresher().readOnce();
        for (int i = 0; i < replicas.size(); i++) if (alive.get(i)) replicas.get(i).pass(last);
        return last;
    }

    @Override
    public void close() {
        ecs.close();
        console.close();
    }
}

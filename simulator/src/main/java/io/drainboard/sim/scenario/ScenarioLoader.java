package io.drainboard.sim.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drainboard.sim.model.Arns;
import io.drainboard.sim.model.CallDurations;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.Rules;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.ServiceUpdate;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.WorkerSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/** Reads a scenario YAML and builds the fleet it describes, warmed up so calls have realistic ages. */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(3600);

    /** Sees the fleet at every whole minute of the warm-up (e.g. to sample metric history). */
    @FunctionalInterface
    public interface WarmupObserver {
        void minute(FleetModel model, Instant minute);
    }

    private ScenarioLoader() {
    }

    /** A bundled scenario by name ({@code demo}, {@code incident}) or a path to a YAML file. */
    public static Scenario read(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        try {
            if (Files.isRegularFile(p)) {
                try (InputStream in = Files.newInputStream(p)) {
                    return YAML.readValue(in, Scenario.class);
                }
            }
            String resource = "/scenarios/" + nameOrPath + ".yaml";
            try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario file '" + nameOrPath
                            + "' and no bundled scenario of that name (bundled: demo, incident)");
                }
                return YAML.readValue(in, Scenario.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    /** The instant a scenario starts at: its {@code start} key, else the clock's now (whole seconds). */
    public static Instant startOf(Scenario s, Instant wallNow) {
        return s.start() != null ? Instant.parse(s.start()) : wallNow.truncatedTo(ChronoUnit.SECONDS);
    }

    public static FleetModel build(Scenario s, Clock clock) {
        return build(s, clock, null);
    }

    /**
     * Builds the model at {@code clock}'s instant: tasks already running, then {@code warmup} of traffic
     * (and the scenario's timeline) simulated before it so the calls in progress have the ages a live fleet
     * would show.
     */
    public static FleetModel build(Scenario s, Clock clock, WarmupObserver observer) {
        Instant start = clock.instant();
        Duration warmup = s.warmup() != null ? DurationText.parse(s.warmup()) : Duration.ofMinutes(60);
        long seed = s.seed() != null ? s.seed() : 1L;
        Arns arns = new Arns(Objects.requireNonNullElse(s.region(), "us-east-1"),
                Objects.requireNonNullElse(s.account(), "123456789012"));
        Instant origin = start.minus(warmup);
        FleetModel model = new FleetModel(arns, clock, seed, origin);
        if (s.stoppedTaskRetention() != null) model.setStoppedTaskRetention(DurationText.parse(s.stoppedTaskRetention()));
        model.setRules(rules(s.rules()));
        SplittableRandom ages = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (Scenario.ClusterSpec cs : s.clusters()) buildCluster(model, cs, arns, origin, ages);
        if (s.timeline() != null) {
            for (Scenario.TimelineAction a : s.timeline()) Timeline.schedule(model, a, start, origin);
        }
        if (observer != null) {
            Instant minute = origin.truncatedTo(ChronoUnit.MINUTES);
            if (minute.isBefore(origin)) minute = minute.plus(Duration.ofMinutes(1));
            for (; minute.isBefore(start); minute = minute.plus(Duration.ofMinutes(1))) {
                model.advanceTo(minute);
                observer.minute(model, minute);
            }
        }
        model.advanceTo(start);
        if (!Boolean.TRUE.equals(s.keepWarmupGroundTruth())) model.resetGroundTruth();
        return model;
    }

    private static void buildCluster(FleetModel model, Scenario.ClusterSpec cs, Arns arns, Instant origin,
                                     SplittableRandom ages) {
        ClusterState cluster = model.addCluster(cs.name());
        List<ContainerInstanceState> instances = new ArrayList<>();
        if (cs.instances() != null) {
            for (Scenario.InstanceGroupSpec g : cs.instances()) {
                Duration stop = g.agentStopTimeout() == null ? null : DurationText.parse(g.agentStopTimeout());
                for (int i = 0; i < g.count(); i++) {
                    ContainerInstanceState ci = model.addContainerInstance(cluster, g.az(), g.type());
                    model.configureAgent(ci, stop, Boolean.TRUE.equals(g.spotInstanceDraining()));
                    instances.add(ci);
                }
            }
        }
        int placed = 0;
        for (Scenario.ServiceSpec ss : cs.services()) {
            TaskDefinitionState td = register(model, ss);
            WorkerSpec worker = worker(ss);
            Scenario.TrafficSpec tr = ss.traffic();
            CallDurations durations = new CallDurations(
                    DurationText.parse(tr == null || tr.median() == null ? "4m" : tr.median()),
                    DurationText.parse(tr == null || tr.p99() == null ? "25m" : tr.p99()));
            double load = tr == null ? 0.5 : tr.load();
            double rate = load * worker.capacity() * ss.desiredCount() / durations.meanSeconds();
            List<String> azs = ss.availabilityZones() != null ? ss.availabilityZones()
                    : List.of(arns.region() + "a", arns.region() + "b");
            ServiceState service = model.addService(cluster, ss.name(), launchType(ss), td.arn(),
                    ss.desiredCount(), worker, durations, rate, azs, Boolean.TRUE.equals(ss.enableExecuteCommand()));
            if (tr != null && tr.dailyCurve() != null) model.setArrivalRate(service, rate, curve(ss, tr.dailyCurve()));
            if (ss.deregistrationDelay() != null) model.setDeregistrationDelay(service, DurationText.parse(ss.deregistrationDelay()));
            Scenario.DeploymentConfigurationSpec dc = ss.deploymentConfiguration();
            if (dc != null) {
                Scenario.CircuitBreakerSpec cb = dc.circuitBreaker();
                model.updateService(service, new ServiceUpdate(null, null, dc.minimumHealthyPercent(), dc.maximumPercent(),
                        cb == null ? null : cb.enable(), cb == null ? null : cb.rollback(), false, null));
            }
            Instant deployedAt = origin.minusSeconds(3600 + ages.nextLong(3 * 86_400));
            for (int i = 0; i < ss.desiredCount(); i++) {
                ContainerInstanceState ci = "EC2".equals(service.launchType()) && !instances.isEmpty()
                        ? instances.get(placed++ % instances.size()) : null;
                model.addRunningTask(service, deployedAt.plusSeconds(ages.nextLong(300)), ci);
            }
            model.addServiceEvent(service, deployedAt.plusSeconds(400), "(service " + ss.name()
                    + ") has reached a steady state.");
        }
    }

    /** The scenario's {@code rules:} over the harsh defaults. */
    static Rules rules(Scenario.RulesSpec spec) {
        Rules r = Rules.DEFAULT;
        if (spec == null) return r;
        if (spec.protectionLimit() != null) {
            r = switch (spec.protectionLimit().toLowerCase()) {
                case "strict" -> r.withStrictProtectionLimit(true);
                case "lenient" -> r.withStrictProtectionLimit(false);
                default -> throw new IllegalArgumentException("rules.protectionLimit must be strict or lenient, was "
                        + spec.protectionLimit());
            };
        }
        if (spec.readAfterWriteLag() != null) r = r.withReadAfterWriteLag(DurationText.parse(spec.readAfterWriteLag()));
        if (spec.protectionExpiryDelay() != null) {
            r = r.withProtectionExpiryDelay(DurationText.parse(spec.protectionExpiryDelay()));
        }
        return r;
    }

    private static WorkerSpec worker(Scenario.ServiceSpec ss) {
        Scenario.WorkerSpecYaml w = ss.worker();
        if (w == null) return new WorkerSpec(4, DEFAULT_DRAIN_TIMEOUT, ss.name());
        WorkerSpec.Runtime runtime = switch (w.runtime() == null ? "python" : w.runtime().toLowerCase()) {
            case "python" -> WorkerSpec.Runtime.PYTHON;
            case "node", "js", "javascript" -> WorkerSpec.Runtime.NODE;
            default -> throw new IllegalArgumentException("service " + ss.name() + ": worker runtime must be python or node, was "
                    + w.runtime());
        };
        return new WorkerSpec(w.capacity() == 0 ? 4 : w.capacity(),
                w.drainTimeout() == null ? DEFAULT_DRAIN_TIMEOUT : DurationText.parse(w.drainTimeout()),
                w.agentName() == null ? ss.name() : w.agentName(), true, runtime,
                w.ignoreSigtermFraction() == null ? 0 : w.ignoreSigtermFraction(), Boolean.TRUE.equals(w.drainRoute()),
                w.signalCommand(), w.leanRoute() == null ? Boolean.TRUE.equals(w.drainRoute()) : w.leanRoute(),
                w.leanLoad() == null ? WorkerSpec.DEFAULT_LEAN_LOAD : w.leanLoad());
    }

    private static double[] curve(Scenario.ServiceSpec ss, List<Double> values) {
        if (values.size() != 24) {
            throw new IllegalArgumentException("service " + ss.name() + ": traffic.dailyCurve needs 24 hourly values, has "
                    + values.size());
        }
        double[] out = new double[24];
        for (int i = 0; i < 24; i++) out[i] = values.get(i);
        return out;
    }

    static String launchType(Scenario.ServiceSpec ss) {
        String lt = ss.launchType() == null ? "FARGATE" : ss.launchType().toUpperCase();
        if (!lt.equals("FARGATE") && !lt.equals("EC2")) {
            throw new IllegalArgumentException("service " + ss.name() + ": launchType must be FARGATE or EC2, was " + lt);
        }
        return lt;
    }

    private static TaskDefinitionState register(FleetModel model, Scenario.ServiceSpec ss) {
        Scenario.TaskDefinitionSpec t = ss.taskDefinition();
        List<ContainerDef> containers = new ArrayList<>();
        boolean fargate = "FARGATE".equals(launchType(ss));
        for (Scenario.ContainerSpec c : t.containers()) {
            if (fargate && c.stopTimeout() != null && (c.stopTimeout() < 2 || c.stopTimeout() > 120)) {
                // RegisterTaskDefinition refuses it for Fargate ("valid values for Fargate are 2-120 seconds").
                throw new IllegalArgumentException("service " + ss.name() + ": container " + c.name()
                        + " stopTimeout " + c.stopTimeout() + " s; Fargate allows 2-120 s (use launchType EC2 for longer)");
            }
            Scenario.HealthCheckSpec h = c.healthCheck();
            ContainerDef.HealthCheck hc = h == null ? null : new ContainerDef.HealthCheck(
                    h.interval() == null ? 30 : h.interval(), h.timeout() == null ? 5 : h.timeout(),
                    h.retries() == null ? 3 : h.retries(), h.startPeriod() == null ? 0 : h.startPeriod());
            containers.add(new ContainerDef(c.name(), c.image() == null ? "public.ecr.aws/example/agent:latest" : c.image(),
                    c.cpu() == null ? 0 : c.cpu(), c.memory() == null ? 0 : c.memory(),
                    c.essential() == null || c.essential(), c.stopTimeout(), null, hc));
        }
        return model.registerTaskDefinition(t.family(), t.revision(), t.cpu() == null ? "1024" : t.cpu(),
                t.memory() == null ? "2048" : t.memory(), fargate ? "awsvpc" : "bridge",
                fargate ? List.of("FARGATE") : List.of("EC2"), containers);
    }
}

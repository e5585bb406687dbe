package io.drainboard.sim.scenario;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Reads a scenario YAML and builds the fleet it describes, warmed up so calls have realistic ages. */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(3600);
    /** Scenario files are a few KiB; the largest bundled one is far below this. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern BUNDLED_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String EXAMPLE = "simulator/src/main/resources/scenarios/demo.yaml and docs/simulator.md";

    /** Sees the fleet at every whole minute of the warm-up (e.g. to sample metric history). */
    @FunctionalInterface
    public interface WarmupObserver {
        void minute(FleetModel model, Instant minute);
    }

    private ScenarioLoader() {
    }

    /** A bundled scenario by name ({@code demo}, {@code incident}) or a path to a YAML file. */
    public static Scenario read(String nameOrPath) {
        Path p;
        try {
            p = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            throw new ScenarioException("'" + printable(nameOrPath) + "' is not a file name nor a bundled scenario"
                    + " (bundled: demo, incident)");
        }
        if (Files.isRegularFile(p)) return parse(p.toString(), readCapped(p));
        InputStream in = BUNDLED_NAME.matcher(nameOrPath).matches()
                ? ScenarioLoader.class.getResourceAsStream("/scenarios/" + nameOrPath + ".yaml") : null;
        if (in == null) {
            throw new ScenarioException("no scenario file '" + printable(nameOrPath)
                    + "' and no bundled scenario of that name (bundled: demo, incident)");
        }
        try (in) {
            return parse("bundled scenario " + nameOrPath, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled scenario " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    /** At most {@link #MAX_BYTES} and one more, so that an odd path (a log, a device-like file) is not read whole. */
    private static byte[] readCapped(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ScenarioException(p + ": not a scenario file (over " + MAX_BYTES / 1024 + " KiB); see "
                        + EXAMPLE);
            }
            return bytes;
        } catch (IOException e) {
            throw new ScenarioException(p + ": cannot read the scenario file (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions");
        }
    }

    /**
     * Parses a scenario. Jackson's messages quote the offending text (for {@code /etc/passwd}, its first lines),
     * so only the line and the kind of problem are kept.
     */
    private static Scenario parse(String where, byte[] bytes) {
        Scenario s;
        try {
            s = YAML.readValue(bytes, Scenario.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioException(where + (line > 0 ? ":" + line : "") + ": not a scenario file (" + kind(e)
                    + "); see " + EXAMPLE);
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException(where + ": not a scenario file (" + e.getClass().getSimpleName() + "); see "
                    + EXAMPLE);
        }
        if (s == null || s.clusters() == null || s.clusters().isEmpty()
                || s.clusters().stream().anyMatch(c -> c == null || c.name() == null || c.services() == null
                || c.services().stream().anyMatch(ScenarioLoader::incomplete))) {
            throw new ScenarioException(where + ": not a scenario file (it needs clusters:, each with a name: and "
                    + "services:, each with a name:, a desiredCount: of 0 or more and a taskDefinition: with a family: "
                    + "and containers:); see " + EXAMPLE);
        }
        return s;
    }

    /** What building the fleet cannot do without (it would stop on a null half-way through). */
    private static boolean incomplete(Scenario.ServiceSpec ss) {
        return ss == null || ss.name() == null || ss.desiredCount() < 0 || ss.taskDefinition() == null
                || ss.taskDefinition().family() == null || ss.taskDefinition().containers() == null
                || ss.taskDefinition().containers().isEmpty()
                || ss.taskDefinition().containers().stream().anyMatch(c -> c == null || c.name() == null);
    }

    private static String kind(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) return "an unknown key";
        if (e instanceof MismatchedInputException m) {
            return m.getPath().isEmpty() ? "not a mapping of scenario keys" : "a value of the wrong kind";
        }
        if (e instanceof JsonParseException) return "not valid YAML";
        return "unreadable";
    }

    /** The path as given, shortened and without control characters, for a one-line message. */
    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** The instant a scenario starts at: its {@code start} key, else the clock's now (whole seconds). */
    public static Instant startOf(Scenario s, Instant wallNow) {
        return s.start() != null ? Instant.parse(s.start()) : wallNow.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The account a scenario's top-level fleet (and an unlisted access key) stands for. */
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";
    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("\\d{12}");

    /**
     * The scenario split into one scenario per account and region: the top-level fleet first (region and
     * account filled in), then each of {@code fleets}, with the same start, warm-up and retention and a seed of
     * its own (so task ids, room names and call traffic differ between regions).
     *
     * @throws IllegalArgumentException for a fleet without a region, an account id that is not 12 digits, or
     *                                  two fleets in the same account and region
     */
    public static List<Scenario> perRegion(Scenario s) {
        String account = Objects.requireNonNullElse(s.account(), DEFAULT_ACCOUNT);
        String region = Objects.requireNonNullElse(s.region(), DEFAULT_REGION);
        long seed = s.seed() != null ? s.seed() : 1L;
        List<Scenario> out = new ArrayList<>();
        out.add(new Scenario(s.name(), seed, region, account, s.start(), s.warmup(), s.stoppedTaskRetention(),
                s.keepWarmupGroundTruth(), s.clusters() == null ? List.of() : s.clusters(), s.timeline(), null, null,
                s.rules()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(account + "/" + region);
        if (s.accessKeys() != null) {
            s.accessKeys().forEach((key, acct) -> checkAccount(acct, "accessKeys." + key));
        }
        checkAccount(account, "account");
        if (s.fleets() != null) {
            for (Scenario.FleetSpec f : s.fleets()) {
                if (f.region() == null || f.region().isBlank()) {
                    throw new IllegalArgumentException("scenario " + s.name() + ": every entry of fleets needs a region");
                }
                String a = Objects.requireNonNullElse(f.account(), account);
                checkAccount(a, "fleets[" + f.region() + "].account");
                if (!seen.add(a + "/" + f.region())) {
                    throw new IllegalArgumentException("scenario " + s.name() + ": account " + a + " in region "
                            + f.region() + " is described twice; give each account and region one entry");
                }
                long own = new SplittableRandom(seed ^ (a + "/" + f.region()).hashCode() * 0x9E3779B97F4A7C15L).nextLong();
                out.add(new Scenario(s.name(), own, f.region(), a, s.start(), s.warmup(), s.stoppedTaskRetention(),
                        s.keepWarmupGroundTruth(), f.clusters() == null ? List.of() : f.clusters(), f.timeline(), null, null,
                        s.rules()));
            }
        }
        return out;
    }

    private static void checkAccount(String account, String key) {
        if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
            throw new IllegalArgumentException("scenario key " + key + ": an AWS account id is 12 digits, was " + account);
        }
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
        Arns arns = new Arns(Objects.requireNonNullElse(s.region(), DEFAULT_REGION),
                Objects.requireNonNullElse(s.account(), DEFAULT_ACCOUNT));
        Instant origin = start.minus(warmup);
        FleetModel model = new FleetModel(arns, clock, seed, origin);
        if (s.stoppedTaskRetention() != null) model.setStoppedTaskRetention(DurationText.parse(s.stoppedTaskRetention()));
        model.setRules(rules(s.rules()));
        SplittableRandom ages = new SplittableRandom(seed ^ 0x5DEECE66DL);
        if (s.clusters() != null) {
            for (Scenario.ClusterSpec cs : s.clusters()) buildCluster(model, cs, arns, origin, ages);
        }
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
            io.drainboard.sim.model.SelfProtection.Settings self = selfProtect(ss);
            if (self != null) model.selfProtect(service, self);
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

    /** The service's {@code worker.selfProtect}, or null when its workers do not protect themselves. */
    private static io.drainboard.sim.model.SelfProtection.Settings selfProtect(Scenario.ServiceSpec ss) {
        Scenario.SelfProtectYaml y = ss.worker() == null ? null : ss.worker().selfProtect();
        if (y == null || Boolean.FALSE.equals(y.enabled())) return null;
        io.drainboard.sim.model.SelfProtection.Settings d = io.drainboard.sim.model.SelfProtection.Settings.DEFAULT;
        try {
            return new io.drainboard.sim.model.SelfProtection.Settings(
                    y.lease() == null ? d.lease() : DurationText.parse(y.lease()),
                    y.renewEvery() == null ? d.renewEvery() : DurationText.parse(y.renewEvery()),
                    y.hysteresis() == null ? d.hysteresis() : DurationText.parse(y.hysteresis()),
                    y.retry() == null ? d.retry() : DurationText.parse(y.retry()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("service " + ss.name() + ": worker." + e.getMessage(), e);
        }
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

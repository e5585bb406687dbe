package io.drainboard.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way into a fleet: which AWS account/region (or the embedded simulator), where calls are counted,
 * how tasks are cordoned and drained, how often to refresh, and what the operator may do. Profiles never
 * contain secrets, only where to find them (environment variable names, an AWS profile, an lk CLI
 * project). Settings under {@code services:} override the profile-wide ones for one service; read them
 * through {@link #forService}.
 */
public record Profile(String name, Path source, String description, List<String> regions,
                      Optional<SimulatorSettings> simulator, Optional<AwsSettings> aws,
                      Optional<LiveKitSettings> liveKit, CallSettings calls, Duration refreshInterval,
                      int maxConcurrency, boolean readOnly, boolean production, List<String> clusters,
                      List<String> serviceFilter, CordonSettings cordon, CallPrior callLength,
                      DrainSettings drain, GuardSettings guard, Map<String, ServiceSettings> services,
                      List<Account> accounts) {

    public Profile {
        regions = List.copyOf(regions);
        accounts = List.copyOf(accounts);
        clusters = List.copyOf(clusters);
        serviceFilter = List.copyOf(serviceFilter);
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** Without {@code accounts:} (one account: whatever {@code aws} reaches). */
    public Profile(String name, Path source, String description, List<String> regions,
                   Optional<SimulatorSettings> simulator, Optional<AwsSettings> aws,
                   Optional<LiveKitSettings> liveKit, CallSettings calls, Duration refreshInterval,
                   int maxConcurrency, boolean readOnly, boolean production, List<String> clusters,
                   List<String> serviceFilter, CordonSettings cordon, CallPrior callLength,
                   DrainSettings drain, GuardSettings guard, Map<String, ServiceSettings> services) {
        this(name, source, description, regions, simulator, aws, liveKit, calls, refreshInterval, maxConcurrency,
                readOnly, production, clusters, serviceFilter, cordon, callLength, drain, guard, services, List.of());
    }

    /** The first shape of this record, for code written before per-service settings existed. */
    public Profile(String name, Path source, String description, List<String> regions,
                   Optional<SimulatorSettings> simulator, Optional<AwsSettings> aws,
                   Optional<LiveKitSettings> liveKit, CallSettings calls, Duration refreshInterval,
                   int maxConcurrency, boolean readOnly, boolean production, List<String> clusters) {
        this(name, source, description, regions, simulator, aws, liveKit, calls, refreshInterval, maxConcurrency,
                readOnly, production, clusters, List.of(), CordonSettings.NONE, CallPrior.DEFAULT,
                DrainSettings.DEFAULT, GuardSettings.DEFAULT, Map.of());
    }

    /**
     * One AWS account of a profile that reads several, as users have them: each through its own AWS profile or SSO
     * session, in its own regions, shown under its name in the tree.
     *
     * @param name     what the tree calls it (prod, staging)
     * @param id       its 12-digit account id: what ARNs name ({@code arn:aws:ecs:<region>:<account>:…}), so the
     *                 console routes each action, and refuses it, by the account of what it touches
     * @param aws      how to reach it ({@code aws.profile}: a profile of ~/.aws/config, SSO included); empty on the
     *                 simulator, and on AWS for the SDK's default chain
     * @param regions  the regions read in it
     * @param readOnly every action on its tasks and services is refused, whatever the profile's other accounts allow
     */
    public record Account(String name, String id, Optional<AwsSettings> aws, List<String> regions, boolean readOnly) {
        public Account {
            regions = List.copyOf(regions);
        }
    }

    /**
     * Whether an action on what this ARN names is refused: the whole profile is read-only, or its account is, or — in
     * a profile of several accounts — the ARN names an account the profile does not list (or no account at all).
     */
    public boolean readOnlyFor(String arn) {
        if (readOnly) return true;
        if (accounts.isEmpty()) return false;
        return accountOf(arn).map(Account::readOnly).orElse(true);
    }

    /** The listed account an ARN names; empty for an ARN of another account, a name, or a single-account profile. */
    public Optional<Account> accountOf(String arn) {
        if (arn == null || !arn.startsWith("arn:")) return Optional.empty();
        String[] p = arn.split(":", 6);
        if (p.length < 6) return Optional.empty();
        return accounts.stream().filter(a -> a.id().equals(p[4])).findFirst();
    }

    /** The region shown first and used when only one is read. */
    public String primaryRegion() {
        return regions.get(0);
    }

    public boolean embedded() {
        return simulator.isPresent();
    }

    /** Whether a service of this name is shown: every service when {@code serviceFilter} is empty. */
    public boolean showsService(String serviceName) {
        return serviceFilter.isEmpty() || serviceFilter.stream().anyMatch(g -> Glob.matches(g, serviceName));
    }

    /**
     * The settings in force for one service: its {@code services:} entry (keyed {@code cluster/service}
     * or just {@code service}) over the profile-wide ones.
     */
    public ServicePolicy forService(String cluster, String service) {
        ServiceSettings s = services.get(cluster + "/" + service);
        if (s == null) s = services.get(service);
        if (s == null) return new ServicePolicy(calls, cordon, callLength, drain, "profile-wide settings");
        return new ServicePolicy(s.calls().orElse(calls), s.cordon().orElse(cordon),
                s.callLength().orElse(callLength), s.drain().orElse(drain), "services." + s.key());
    }

    /** Start the bundled simulator in-process and point every client at it. */
    public record SimulatorSettings(String scenario, double speed) {
    }

    /**
     * AWS access through the SDK's default credential chain, or a named profile from ~/.aws/config
     * (SSO profiles included); {@code endpoint} overrides the service endpoint (a standalone simulator).
     */
    public record AwsSettings(Optional<String> profileName, Optional<String> endpoint) {
    }

    /**
     * LiveKit server URL and where its API key and secret come from: environment variables by name, or
     * a project of the lk CLI's config file. {@code url} is empty when the lk project supplies it.
     */
    public record LiveKitSettings(String url, Optional<String> apiKeyEnv, Optional<String> apiSecretEnv,
                                  Optional<String> lkProject) {
    }

    /**
     * Where calls per task come from (docs/architecture.md, calls): the agent attribute that names the task (LiveKit),
     * the worker's own endpoint ({@code workerUrl}, a template with {@code {taskIp}}), or a CloudWatch metric.
     */
    public record CallSettings(CallSource source, String taskAttribute, String workerUrl,
                               Optional<CloudWatchCalls> cloudWatch) {
        public static final String DEFAULT_WORKER_URL = "http://{taskIp}:8081/worker";

        public CallSettings(CallSource source, String taskAttribute) {
            this(source, taskAttribute, DEFAULT_WORKER_URL, Optional.empty());
        }

        /** Where the counts come from, in the operator's words (shown next to every count). */
        public String describe() {
            return switch (source) {
                case LIVEKIT -> "LiveKit agent participants (attribute " + taskAttribute + ")";
                case WORKER -> "the worker endpoint " + workerUrl;
                case CLOUDWATCH -> cloudWatch.map(c -> "CloudWatch " + c.namespace() + "/" + c.metric()
                        + " by " + c.dimension() + " (delayed)").orElse("CloudWatch");
                case NONE -> "not counted (calls.source: none)";
            };
        }
    }

    /** A per-task CloudWatch metric counting live sessions; it lags by its publishing period. */
    public record CloudWatchCalls(String namespace, String metric, String dimension) {
    }

    public enum CallSource { LIVEKIT, WORKER, CLOUDWATCH, NONE }

    /** How a task is told to stop taking new calls (docs/drain.md, Safe drain). */
    public enum CordonMethod { EXEC_SIGNAL, HTTP, NONE }

    /**
     * The cordon method and its parameters: the command ECS Exec runs (and in which container; empty =
     * the task's only/essential container), or the drain route's URL template.
     */
    public record CordonSettings(CordonMethod method, String command, Optional<String> container,
                                 String drainUrl) {
        public static final String DEFAULT_COMMAND = "kill -TERM 1";
        public static final String DEFAULT_DRAIN_URL = "http://{taskIp}:8081/drain";
        public static final CordonSettings NONE = new CordonSettings(CordonMethod.NONE, DEFAULT_COMMAND,
                Optional.empty(), DEFAULT_DRAIN_URL);

        /** Which method applies and what it needs, as the console says it. */
        public String describe() {
            return switch (method) {
                case EXEC_SIGNAL -> "Cordon by ECS Exec: runs '" + command + "'"
                        + container.map(c -> " in container " + c).orElse("")
                        + "; the worker drains on SIGTERM. Needs enableExecuteCommand on the service and a PID 1"
                        + " that receives the signal (exec-form entrypoint, tini or dumb-init).";
                case HTTP -> "Cordon by HTTP: POST " + drainUrl + " on the task (the worker's drain route calls"
                        + " server.drain()). Needs a network path to the task's private IP.";
                case NONE -> "No cordon: the console protects the task and stops it only when it is idle, or"
                        + " when every call is predicted to end within stopTimeout. On a busy service this may"
                        + " wait long.";
            };
        }
    }

    /** Call length as a lognormal by median and 99th percentile (docs/drain.md, Risk model), until history knows better. */
    public record CallPrior(Duration median, Duration p99) {
        public static final CallPrior DEFAULT = new CallPrior(Duration.ofMinutes(4), Duration.ofMinutes(25));
    }

    /**
     * A drain's deadline, how many tasks of one service may drain at once, and the survival bar for
     * stopping a task that cannot be cordoned (probability every call ends within stopTimeout).
     */
    public record DrainSettings(Duration deadline, int budget, double survivalBar) {
        public static final DrainSettings DEFAULT = new DrainSettings(Duration.ofMinutes(30), 1, 0.999);
    }

    /**
     * Guard mode and the guard service: protection lease, how early to renew it, how long idle before release, and
     * whether they finish a scale-in ECS holds back on busy protected tasks by cordoning the surplus and releasing it
     * once idle (docs/scaling.md, "Scale-in of chosen tasks"). That cordons tasks with calls, so it is off unless the
     * profile says {@code guard.chosenScaleIn: true}. {@code direct}: the guard service's leader sets the desired
     * count itself from the headroom's aim ({@code guard.scaling.direct}, docs/guard-service.md); empty: it never does.
     */
    public record GuardSettings(Duration lease, Duration renewBefore, Duration idleHysteresis, boolean chosenScaleIn,
                                Optional<DirectScaling> direct) {
        // 120 min renewed at half-life: the cushion while DEPLOYMENT_BLOCKED refuses renewals (docs/drain.md).
        public static final GuardSettings DEFAULT = new GuardSettings(Duration.ofMinutes(120),
                Duration.ofMinutes(60), Duration.ofMinutes(2), false, Optional.empty());

        public GuardSettings(Duration lease, Duration renewBefore, Duration idleHysteresis, boolean chosenScaleIn) {
            this(lease, renewBefore, idleHysteresis, chosenScaleIn, Optional.empty());
        }
    }

    /**
     * {@code guard.scaling.direct}: every key required (no default). {@code scaleInAfter}: how long the aim must stay
     * below the count before it is lowered (whole minutes: one reading a minute); {@code lead}: the minutes of climb
     * the idle room absorbs; {@code share}: of the sessions kept idle on top (docs/scaling.md).
     */
    public record DirectScaling(Duration scaleInAfter, Duration lead, double share) {
    }

    /** One entry of {@code services:}; an empty section means "as profile-wide". */
    public record ServiceSettings(String key, Optional<CallSettings> calls, Optional<CordonSettings> cordon,
                                  Optional<CallPrior> callLength, Optional<DrainSettings> drain) {
    }

    /** The settings in force for one service, and where they came from. */
    public record ServicePolicy(CallSettings calls, CordonSettings cordon, CallPrior callLength,
                                DrainSettings drain, String origin) {
    }
}

package io.drainboard.guard;

import io.drainboard.audit.DataDirectory;
import io.drainboard.aws.AppAutoScalingClients;
import io.drainboard.aws.AwsClients;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.Regional;
import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.ChosenScaleIns;
import io.drainboard.drain.FleetActions;
import io.drainboard.drain.GuardPolicy;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.drain.ServiceScaling;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code drainboard guard --profile FILE [--services CLUSTER/SERVICE,…] [--port N] [--lease-ttl DURATION]
 * [--chosen-scale-in true|false]}: the guard service, long-running and without a window (docs/guard-service.md). It runs until SIGTERM or SIGINT, then resigns
 * its leadership leases and exits 0; it never releases a task on the way out (its protections run out by themselves).
 * Exit codes ({@link ExitCode}): 64 bad arguments, 78 the profile is invalid, 77 a read-only profile (a guard
 * protects), 73 the data directory (audit log) cannot be written, 66 none of the named services exists, 69 the port
 * cannot be opened or the profile's clients cannot start.
 */
public final class GuardCommand {
    public static final String USAGE = "usage: drainboard guard --profile FILE [--services CLUSTER/SERVICE,...] [--port N]"
            + " [--lease-ttl DURATION]\n"
            + "       [--chosen-scale-in true|false]\n"
            + "       drainboard guard --task-definition IMAGE --profile FILE   (its ECS task definition, JSON)\n"
            + "       the guard service: keeps busy tasks protected and releases idle ones for ECS, without a window\n"
            + "       (docs/guard-service.md). --services: default every service of the profile's clusters; --port: /healthz\n"
            + "       and /metrics, default 9464, 0 for none; --lease-ttl: leadership lease, default 4 refreshes (at least 30s);\n"
            + "       --chosen-scale-in: finish a scale-in ECS holds back on busy protected tasks by cordoning the surplus\n"
            + "       and releasing each once idle, for ECS to stop (it never stops a task itself); default the profile's\n"
            + "       guard.chosenScaleIn, which is false when absent (docs/scaling.md)";

    /** What the command line asks for. */
    record Args(Path profile, Set<String> services, int port, Optional<Duration> leaseTtl, Optional<String> taskDefinition,
                Optional<Boolean> chosenScaleIn) {
        static Args parse(List<String> a) {
            Path profile = null;
            Set<String> services = new LinkedHashSet<>();
            int port = 9464;
            Optional<Duration> ttl = Optional.empty();
            Optional<String> td = Optional.empty();
            Optional<Boolean> chosen = Optional.empty();
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i);
                switch (s) {
                    case "guard" -> { }
                    case "--profile" -> profile = Path.of(value(a, ++i, s));
                    case "--services" -> {
                        for (String x : value(a, ++i, s).split(",")) {
                            String n = x.trim();
                            if (n.isEmpty()) continue;
                            if (n.indexOf('/') <= 0 || n.endsWith("/")) {
                                throw new IllegalArgumentException("--services wants CLUSTER/SERVICE names, got '" + n + "'");
                            }
                            services.add(n);
                        }
                    }
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value(a, ++i, s));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port wants a number");
                        }
                        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0 to 65535");
                    }
                    case "--lease-ttl" -> ttl = Optional.of(duration(value(a, ++i, s)));
                    case "--task-definition" -> td = Optional.of(value(a, ++i, s));
                    case "--chosen-scale-in" -> {
                        String v = value(a, ++i, s);
                        if (!v.equals("true") && !v.equals("false")) {
                            throw new IllegalArgumentException("--chosen-scale-in wants true or false, got '" + v + "'");
                        }
                        chosen = Optional.of(Boolean.parseBoolean(v));
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + s + "'");
                }
            }
            if (profile == null) throw new IllegalArgumentException("--profile FILE is required");
            return new Args(profile, services, port, ttl, td, chosen);
        }

        private static Duration duration(String v) {
            try {
                Duration d = v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                        : v.endsWith("s") ? Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)))
                        : v.endsWith("m") ? Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)))
                        : Duration.parse(v);
                if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("--lease-ttl must be positive");
                return d;
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--lease-ttl wants a duration such as 60s or 2m, got '" + v + "'");
            }
        }

        private static String value(List<String> a, int i, String flag) {
            if (i >= a.size() || a.get(i).startsWith("--")) throw new IllegalArgumentException(flag + " needs a value");
            return a.get(i);
        }
    }

    private GuardCommand() {
    }

    /** From {@code Launcher}: {@code args} are everything after {@code guard}. Blocks until SIGTERM; returns the exit code. */
    public static int main(List<String> args, PrintStream out, PrintStream err, GuardHost.Opener opener) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return ExitCode.OK.code();
        }
        ProfileLoader.ForCommand<Args> start = ProfileLoader.forCommand(args, Args::parse, Args::profile, USAGE, err);
        if (start.failed()) return start.failure().code();
        Args a = start.args().orElseThrow();
        Profile p = start.profile().orElseThrow();
        if (a.taskDefinition().isPresent()) {
            out.println(GuardTaskDefinition.json(a.taskDefinition().get(), a.profile().getFileName().toString(),
                    p.regions().get(0)));
            return ExitCode.OK.code();
        }
        if (p.readOnly()) {
            err.println("error: profile " + p.name() + " is read-only, and a guard protects and releases tasks;"
                    + " use a profile with readOnly: false (and the policy from --iam-policy FILE --guard)");
            return ExitCode.NOT_PERMITTED.code();
        }
        Path data = DataDirectory.resolve();
        try {
            Files.createDirectories(data);
            if (!Files.isWritable(data)) throw new java.io.IOException("not writable");
        } catch (java.io.IOException | RuntimeException e) {
            err.println("error: the data directory " + data + " (audit log) cannot be written (" + e.getMessage()
                    + "); set XDG_DATA_HOME to a writable directory");
            return ExitCode.CANNOT_WRITE.code();
        }
        GuardHost console;
        try {
            console = opener.open(p);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.UNAVAILABLE.code();
        }
        try (console) {
            return new Runner(a, p, console, out).run();
        }
    }

    /** The long-running part: the loop, the port and the shutdown hook. */
    private static final class Runner {
        private final Args a;
        private final Profile p;
        private final GuardHost console;
        private final PrintStream out;
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch stopped = new CountDownLatch(1);

        Runner(Args a, Profile p, GuardHost console, PrintStream out) {
            this.a = a;
            this.p = p;
            this.console = console;
            this.out = out;
        }

        int run() {
            Duration interval = p.refreshInterval();
            Duration ttl = a.leaseTtl().orElse(max(Duration.ofSeconds(30), interval.multipliedBy(4)));
            String id = "guard-" + UUID.randomUUID().toString().substring(0, 8);
            Profile.GuardSettings g = p.guard();
            Optional<ChosenScaleIns> chosen = chosenScaleIn(a, p, console.actions());
            // Application Auto Scaling clients only when direct scaling reads the scalable targets.
            Regional<AppAutoScalingClients> autoScaling = p.guard().direct().isEmpty() ? null
                    : AwsClients.byRegion(console.aws(), c -> new AppAutoScalingClients(c.ecs()));
            try {
                return run(id, ttl, interval, g, chosen, autoScaling);
            } finally {
                if (autoScaling != null) autoScaling.entries().forEach(e -> e.client().close());
            }
        }

        private int run(String id, Duration ttl, Duration interval, Profile.GuardSettings g,
                        Optional<ChosenScaleIns> chosen, Regional<AppAutoScalingClients> autoScaling) {
            GuardService guard = new GuardService(new GuardService.Settings(id, host(), ttl, a.services(),
                    new GuardPolicy.Settings(g.lease(), g.renewBefore(), g.idleHysteresis())), console.clock(),
                    new ProtectionActions(new TaskProtectionGateway(AwsClients.byRegion(console.aws(), AwsClients::ecs)),
                            console.actions().audit(), false),
                    new ServiceTagGateway(AwsClients.byRegion(console.aws(), AwsClients::ecs)),
                    Optional.of(new SessionMetrics(AwsClients.byRegion(console.aws(), AwsClients::cloudWatch))),
                    chosen, direct(p, console, autoScaling), this::say);
            GuardHttp http = null;
            if (a.port() > 0) {
                try {
                    http = new GuardHttp(a.port(), guard.stats, console.clock(), interval.multipliedBy(3).plusSeconds(30));
                } catch (java.io.UncheckedIOException e) {
                    say("error: " + e.getMessage());
                    return ExitCode.UNAVAILABLE.code();
                }
            }
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "guard-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            say("guard " + id + " on " + host() + ": profile " + p.name() + ", services "
                    + (a.services().isEmpty() ? "all of " + p.clusters() : String.join(",", a.services())) + ", refresh "
                    + interval.toMillis() + " ms, lease " + ttl.toSeconds() + " s, protection lease " + g.lease().toMinutes()
                    + " min" + (chosen.isPresent() ? ", scale-in of chosen tasks on (cordon, release once idle)" : "")
                    + g.direct().map(d -> ", direct scaling on (desired count from the headroom's aim: lead "
                            + d.lead().toSeconds() + " s, share " + d.share() + ", scale-in after "
                            + d.scaleInAfter().toMinutes() + " min)").orElse("")
                    + (http == null ? "" : ", http :" + http.port()));
            FleetSnapshot last = null;
            boolean checkedNames = false;
            try {
                while (stop.getCount() > 0) {
                    try {
                        FleetSnapshot s = console.refresher().readOnce();
                        last = s;
                        if (!checkedNames && s.errors().isEmpty()) {
                            checkedNames = true;
                            List<String> missing = missing(s);
                            if (!missing.isEmpty()) say("warning: no service " + String.join(", ", missing) + " in " + p.clusters());
                            if (!a.services().isEmpty() && missing.size() == a.services().size()) {
                                say("error: none of the services to guard exists; check --services");
                                return ExitCode.NOT_FOUND.code();
                            }
                        }
                        guard.pass(s);
                        if (!s.errors().isEmpty()) say("read: " + String.join("; ", s.errors()));
                    } catch (RuntimeException e) {
                        guard.stats.passFailed(String.valueOf(e.getMessage()));
                        say("pass failed: " + e.getMessage());
                    }
                    stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (last != null) guard.resign(last);
                say("stopped: leases resigned, protections left to run out");
                return ExitCode.OK.code();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.STOPPED.code();
            } finally {
                if (http != null) http.close();
                stopped.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is what stopped us
                }
            }
        }

        private List<String> missing(FleetSnapshot s) {
            List<String> out = new ArrayList<>();
            for (String n : a.services()) if (s.services().noneMatch(x -> x.key().equals(n))) out.add(n);
            return out;
        }

        private void say(String line) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * The scale-in of chosen tasks, when {@code --chosen-scale-in true} or, without the flag, the profile's
     * {@code guard.chosenScaleIn: true} asks for it: it cordons busy tasks, so it is never on by default.
     */
    static Optional<ChosenScaleIns> chosenScaleIn(Args a, Profile p, FleetActions actions) {
        return a.chosenScaleIn().orElse(p.guard().chosenScaleIn()) ? Optional.of(actions.chosenScaleIns()) : Optional.empty();
    }

    /**
     * Direct scaling, when the profile's {@code guard.scaling.direct} asks for it: audited UpdateService through the
     * console's audit log, refused in a read-only profile (which the guard refuses to start with anyway).
     */
    static Optional<DirectScaling> direct(Profile p, GuardHost console, Regional<AppAutoScalingClients> autoScaling) {
        return p.guard().direct().map(d -> new DirectScaling(
                new DirectScaling.Settings((int) d.scaleInAfter().toMinutes(), d.lead(), d.share()),
                new ServiceScaling(new EcsMutations(AwsClients.byRegion(console.aws(), AwsClients::ecs)),
                        console.actions().audit(), p.readOnly()),
                arn -> new ScalableTargetGateway(autoScaling.at(arn).map(AppAutoScalingClients::client)), p.readOnly()));
    }

    private static Duration max(Duration x, Duration y) {
        return x.compareTo(y) >= 0 ? x : y;
    }

    static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) return h;
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}

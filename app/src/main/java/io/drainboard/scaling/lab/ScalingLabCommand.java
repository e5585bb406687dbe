package io.drainboard.scaling.lab;

import io.drainboard.scaling.Flags;
import io.drainboard.scaling.ScalingHost;
import io.drainboard.audit.DataDirectory;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.history.History;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.scaling.CheckSettings;
import io.drainboard.scaling.ReadinessCheck;
import io.drainboard.scaling.ReadinessReport;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code scaling-lab}: replays a traffic shape against policies in the embedded simulator, from the service's real
 * settings, and prints the comparison; exits {@link ExitCode#FINDINGS} when a policy cut calls, so CI can gate a
 * policy change on it.
 * <pre>
 * scaling-lab --profile FILE --service CLUSTER/SERVICE --shape monday-flood|friday-peak|crisis-surge|history:DAYS
 *             [--policy current|recommended|headroom|worker-load|cpu[:key=value,...]]... [--days N] [--peak SESSIONS]
 *             [--capacity N] [--warmup SECONDS] [--seed N]
 * </pre>
 */
public final class ScalingLabCommand {
    public static final String USAGE = "usage: drainboard scaling-lab --profile FILE --service CLUSTER/SERVICE"
            + " --shape monday-flood|friday-peak|crisis-surge|history:DAYS [--policy current|recommended|headroom|worker-load|cpu[:key=value,...]]..."
            + " [--days N] [--peak SESSIONS] [--capacity N] [--warmup SECONDS] [--seed N]";

    record Args(Path profile, String cluster, String service, String shape, List<String> policies, int days,
                Optional<Integer> peak, Optional<Integer> capacity, Duration warmup, long seed) {
        static Args parse(List<String> a) {
            Path profile = null;
            String service = null, shape = null;
            List<String> policies = new ArrayList<>();
            int days = 1;
            Integer peak = null, capacity = null;
            Duration warmup = Duration.ofSeconds(60);
            long seed = 1;
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i);
                switch (s) {
                    case "scaling-lab" -> { }
                    case "--profile" -> profile = Path.of(value(a, ++i, s));
                    case "--service" -> service = value(a, ++i, s);
                    case "--shape" -> shape = value(a, ++i, s);
                    case "--policy" -> policies.add(value(a, ++i, s));
                    case "--days" -> days = number(value(a, ++i, s), s, 1, 14);
                    case "--peak" -> peak = number(value(a, ++i, s), s, 1, 1_000_000);
                    case "--capacity" -> capacity = number(value(a, ++i, s), s, 1, 1000);
                    case "--warmup" -> warmup = Duration.ofSeconds(number(value(a, ++i, s), s, 0, 3600));
                    case "--seed" -> seed = number(value(a, ++i, s), s, 0, Integer.MAX_VALUE);
                    default -> throw new IllegalArgumentException("unknown argument '" + s + "'");
                }
            }
            if (profile == null) throw new IllegalArgumentException("--profile FILE is required");
            if (service == null || !service.contains("/") || service.startsWith("/") || service.endsWith("/")) {
                throw new IllegalArgumentException("--service CLUSTER/SERVICE is required");
            }
            if (shape == null) throw new IllegalArgumentException("--shape is required: monday-flood, friday-peak,"
                    + " crisis-surge or history:DAYS");
            if (policies.isEmpty()) policies = List.of("current", "recommended");
            int slash = service.indexOf('/');
            return new Args(profile, service.substring(0, slash), service.substring(slash + 1), shape, policies, days,
                    Optional.ofNullable(peak), Optional.ofNullable(capacity), warmup, seed);
        }

        private static String value(List<String> a, int i, String flag) {
            return Flags.value(a, i, flag);
        }

        private static int number(String v, String flag, int least, int most) {
            return Flags.number(v, flag, least, most);
        }
    }

    private ScalingLabCommand() {
    }

    public static int main(List<String> args, PrintStream out, PrintStream err, ScalingHost.Opener opener) {
        ProfileLoader.ForCommand<Args> start = ProfileLoader.forCommand(args, Args::parse, Args::profile, USAGE, err);
        if (start.failed()) return start.failure().code();
        Args a = start.args().orElseThrow();
        Profile p = start.profile().orElseThrow();
        try (ScalingHost console = opener.open(p, false);
             History history = History.open(DataDirectory.resolve(), console.clock())) {
            ReadinessCheck check = new ReadinessCheck(p, console.aws(), history, console.clock(),
                    new CheckSettings(a.capacity(), Optional.empty(), Duration.ofDays(Math.max(7, a.days()))));
            return run(check, history, console.refresher().readOnce(), p, a, out, err).code();
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.UNAVAILABLE.code();
        }
    }

    static ExitCode run(ReadinessCheck check, History history, FleetSnapshot snap, Profile p, Args a, PrintStream out,
                        PrintStream err) {
        Optional<ServiceSnapshot> svc = snap.service(a.cluster(), a.service());
        if (svc.isEmpty()) {
            err.println("error: no service " + a.service() + " in cluster " + a.cluster() + " for this profile");
            return ExitCode.NOT_FOUND;
        }
        ReadinessReport r;
        try {
            r = check.check(svc.get());
        } catch (SdkException e) {
            err.println("error: the service's scaling cannot be read: " + e.getMessage());
            return ExitCode.UNAVAILABLE;
        }
        LabSetup setup = new LabSetup(r, p.forService(a.cluster(), a.service()).callLength(), a.warmup(), check.recommended());
        LabService lab = setup.service();
        TrafficShape shape;
        List<LabPolicy> policies;
        try {
            shape = setup.shape(a.shape(), a.days(), a.peak(), history, snap.takenAt());
            policies = setup.policies(a.policies(), shape);
        } catch (LabSetup.NoHistory e) {
            err.println("error: " + e.getMessage());
            return ExitCode.NOT_FOUND;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        List<String> notes = setup.notes();
        notes.forEach(n -> out.println("note: " + n));
        out.printf(Locale.ROOT, "%s/%s: %s over %d min, peak %.0f sessions, %s, %d sessions a task, stopTimeout %d s,"
                        + " warm-up %d s%n", a.cluster(), a.service(), shape.name(), shape.minutes(), shape.peak(),
                lab.launchType(), lab.capacity(), lab.stopTimeoutSeconds(), lab.warmup().toSeconds());
        ScalingLab.Comparison c = ScalingLab.compare(lab, shape, policies, a.seed());
        out.printf(Locale.ROOT, "%d calls offered; perfect-foresight bound %.1f task-hours%n", c.calls(), c.bound().taskHours());
        out.println(String.format(Locale.ROOT, "%-28s %7s %9s %8s %6s %9s %8s %6s %4s %4s", "policy", "cut", "waited>10s",
                "refused", "peak", "task-h", "x bound", "", "out", "in"));
        for (LabResult x : c.results()) {
            out.println(String.format(Locale.ROOT, "%-28s %7d %8.2f%% %7.2f%% %5.0f%% %9.1f %8.2f %6s %4d %4d",
                    x.policy(), x.cut(), 100 * x.waitedShare(), 100 * x.refusedShare(), 100 * x.peakUtilisation(),
                    x.taskHours(), x.costRatio(), "", x.scaleOuts(), x.scaleIns()));
        }
        if (c.anyCut()) {
            out.println("a policy cut calls: " + c.results().stream().filter(x -> x.cut() > 0).map(LabResult::policy).toList());
            return ExitCode.FINDINGS;
        }
        return ExitCode.OK;
    }
}

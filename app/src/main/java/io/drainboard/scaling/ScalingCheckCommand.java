package io.drainboard.scaling;

import io.drainboard.audit.DataDirectory;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.history.History;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --check}: scaling readiness of a profile's services without a window, as text or JSON for CI. Exits 0 when
 * no finding is a problem, {@link ExitCode#FINDINGS} when one is, 66 for an unknown service, 64 for bad arguments,
 * 78 for a bad profile, 69/75/77 when AWS cannot be read.
 * <pre>
 * --check --profile FILE [--service CLUSTER/SERVICE] [--json] [--capacity N] [--drain-timeout SECONDS]
 * </pre>
 */
public final class ScalingCheckCommand {
    public static final String USAGE = "usage: drainboard --check --profile FILE [--service CLUSTER/SERVICE] [--json]"
            + " [--capacity SESSIONS_PER_TASK] [--drain-timeout SECONDS]";

    record Args(Path profile, Optional<String> service, boolean json, CheckSettings settings) {
        static Args parse(List<String> a) {
            Path profile = null;
            String service = null;
            boolean json = false;
            Integer capacity = null;
            Duration drain = null;
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i);
                switch (s) {
                    case "--check" -> { }
                    case "--profile" -> profile = Path.of(value(a, ++i, s));
                    case "--service" -> service = value(a, ++i, s);
                    case "--json" -> json = true;
                    case "--capacity" -> capacity = positive(value(a, ++i, s), s);
                    case "--drain-timeout" -> drain = Duration.ofSeconds(positive(value(a, ++i, s), s));
                    default -> throw new IllegalArgumentException("unknown argument '" + s + "'");
                }
            }
            if (profile == null) throw new IllegalArgumentException("--profile FILE is required");
            if (service != null && (!service.contains("/") || service.startsWith("/") || service.endsWith("/"))) {
                throw new IllegalArgumentException("--service wants CLUSTER/SERVICE, got '" + service + "'");
            }
            return new Args(profile, Optional.ofNullable(service), json, new CheckSettings(Optional.ofNullable(capacity),
                    Optional.ofNullable(drain), Duration.ofDays(7)));
        }
    }

    static String value(List<String> a, int i, String flag) {
        return Flags.value(a, i, flag);
    }

    static int positive(String v, String flag) {
        return Flags.number(v, flag, 1, Integer.MAX_VALUE);
    }

    private ScalingCheckCommand() {
    }

    /** From {@code Launcher}: opens the profile, checks, closes; returns the exit code. */
    public static int main(List<String> args, PrintStream out, PrintStream err, ScalingHost.Opener opener) {
        ProfileLoader.ForCommand<Args> start = ProfileLoader.forCommand(args, Args::parse, Args::profile, USAGE, err);
        if (start.failed()) return start.failure().code();
        Args a = start.args().orElseThrow();
        Profile p = start.profile().orElseThrow();
        try (ScalingHost console = opener.open(p, false);
             History history = History.open(DataDirectory.resolve(), console.clock())) {
            ReadinessCheck check = new ReadinessCheck(p, console.aws(), history, console.clock(), a.settings());
            return run(check, console.refresher().readOnce(), a, out, err).code();
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.UNAVAILABLE.code();
        }
    }

    static ExitCode run(ReadinessCheck check, FleetSnapshot snap, Args a, PrintStream out, PrintStream err) {
        List<ServiceSnapshot> services = new ArrayList<>();
        if (a.service().isPresent()) {
            String[] cs = a.service().get().split("/", 2);
            Optional<ServiceSnapshot> s = snap.service(cs[0], cs[1]);
            if (s.isEmpty()) {
                err.println("error: no service " + cs[1] + " in cluster " + cs[0] + " for this profile"
                        + (snap.errors().isEmpty() ? "" : " (" + String.join("; ", snap.errors()) + ")"));
                return ExitCode.NOT_FOUND;
            }
            services.add(s.get());
        } else {
            snap.services().forEach(services::add);
        }
        List<ReadinessReport> reports = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        ExitCode failure = null;
        for (ServiceSnapshot s : services) {
            try {
                reports.add(check.check(s));
            } catch (SdkException e) {
                errors.add(s.key() + ": " + Failures.line(e));
                failure = Failures.code(e);
            }
        }
        if (a.json()) {
            out.println(ReadinessJson.of(reports, errors));
        } else {
            for (ReadinessReport r : reports) ReadinessText.print(r, out);
            errors.forEach(e -> err.println("error: " + e));
        }
        if (failure != null) return failure;
        return reports.stream().anyMatch(ReadinessReport::hasProblems) ? ExitCode.FINDINGS : ExitCode.OK;
    }
}

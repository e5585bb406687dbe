package io.drainboard.rollout;

import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileException;
import io.drainboard.profile.ProfileLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * {@code --rollout} for pipelines: preflight, plan, then the rollout, printing a line whenever its state
 * changes; exits 0 when it completed (or the dry run's preflight passed), 1 when it stopped, 2 when the
 * preflight failed or another rollout is unfinished, 64 on bad arguments.
 * <pre>
 * --rollout --profile FILE --service CLUSTER/SERVICE --task-definition ARN|family:rev
 *           [--max-parallel N] [--spares N] [--no-lean] [--dry-run] [--abort]
 * </pre>
 * An unfinished rollout of the same service (journaled on this machine) is resumed; {@code --abort} stops it.
 * {@code --no-lean}: with the http cordon, do not ask the old tasks to report a raised load (see {@link Leaner}).
 */
public final class HeadlessRollout {
    public static final int OK = 0, STOPPED = 1, REFUSED = 2, USAGE = 64;
    public static final String USAGE_TEXT = "usage: drainboard --rollout --profile FILE --service CLUSTER/SERVICE"
            + " --task-definition ARN|family:rev [--max-parallel N] [--spares N] [--no-lean] [--dry-run] [--abort]";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What the command line asks for. */
    record Args(Path profile, String cluster, String service, String taskDefinition, int maxParallel, int spares,
                boolean dryRun, boolean abort, boolean noLean) {
        static Args parse(List<String> a) {
            Path profile = null;
            String service = null, td = null;
            int k = 1, spares = -1; // -1: RolloutSettings.defaultSpares, once the service's desired count is read
            boolean dry = false, abort = false, noLean = false;
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i);
                switch (s) {
                    case "--rollout" -> { }
                    case "--profile" -> profile = Path.of(value(a, ++i, s));
                    case "--service" -> service = value(a, ++i, s);
                    case "--task-definition" -> td = value(a, ++i, s);
                    case "--max-parallel" -> k = number(value(a, ++i, s), s, 1);
                    case "--spares" -> spares = number(value(a, ++i, s), s, 0);
                    case "--no-lean" -> noLean = true;
                    case "--dry-run" -> dry = true;
                    case "--abort" -> abort = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + s + "'");
                }
            }
            if (profile == null) throw new IllegalArgumentException("--profile FILE is required");
            if (service == null || !service.contains("/")) {
                throw new IllegalArgumentException("--service CLUSTER/SERVICE is required (e.g. voice-prod/support-agent)");
            }
            if (td == null && !abort) throw new IllegalArgumentException("--task-definition ARN|family:rev is required");
            int slash = service.indexOf('/');
            return new Args(profile, service.substring(0, slash), service.substring(slash + 1), td, k,
                    spares, dry, abort, noLean);
        }

        private static int number(String v, String flag, int least) {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " wants a number, got '" + v + "'");
            }
            if (n < least) throw new IllegalArgumentException(flag + " must be at least " + least);
            return n;
        }

        private static String value(List<String> a, int i, String flag) {
            if (i >= a.size() || a.get(i).startsWith("--")) throw new IllegalArgumentException(flag + " needs a value");
            return a.get(i);
        }
    }

    private final PrintStream out;
    private String lastLine = "";

    HeadlessRollout(PrintStream out) {
        this.out = out;
    }

    /** From {@code Launcher}: opens the profile, runs, closes; returns the exit code. */
    public static int main(List<String> args, PrintStream out) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE_TEXT);
            return USAGE;
        }
        Profile p;
        try {
            p = ProfileLoader.load(a.profile());
        } catch (ProfileException e) {
            out.println("error: the profile " + a.profile() + " cannot be used:");
            e.problems().forEach(x -> out.println("  " + x));
            return USAGE;
        }
        try (Console console = Console.open(p, !a.dryRun()); RolloutWiring w = RolloutWiring.of(console, RolloutJournal.standard())) {
            return new HeadlessRollout(out).run(a, w, RolloutRunner.Pacer.wallClock());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted: the rollout's journal lets the next run resume it");
            return STOPPED;
        }
    }

    int run(Args a, RolloutWiring w, RolloutRunner.Pacer pacer) throws InterruptedException {
        String key = a.cluster() + "/" + a.service();
        FleetSnapshot snap = w.refresh();
        Optional<ServiceSnapshot> svc = snap.service(a.cluster(), a.service());
        if (svc.isEmpty()) {
            say("error: no service " + a.service() + " in cluster " + a.cluster() + " for profile " + w.profile().name()
                    + (snap.errors().isEmpty() ? "" : " (" + String.join("; ", snap.errors()) + ")"));
            return USAGE;
        }
        RolloutEngine engine;
        Optional<String> unfinished = w.journal().unfinishedFor(key);
        RolloutSettings settings = w.settings(a.cluster(), a.service(), a.maxParallel());
        if (a.noLean()) settings = settings.withLean(false);
        settings = settings.withSpares(a.spares() >= 0 ? a.spares()
                : RolloutSettings.defaultSpares(a.maxParallel(), svc.get().desiredCount(), settings.lean()));
        if (unfinished.isPresent()) {
            RolloutSpec journaled = w.journal().spec(unfinished.get());
            engine = RolloutEngine.resume(unfinished.get(), w.effects(journaled), w.journal(), w.clock().instant());
            String to = engine.spec().toLabel();
            if (!a.abort() && !matches(a.taskDefinition(), engine.spec())) {
                say("refused: an unfinished rollout of " + key + " toward " + to + " is in the journal (" + unfinished.get()
                        + "); run again with --task-definition " + to + " to resume it, or --abort to stop it safely");
                return REFUSED;
            }
            say("resuming rollout " + engine.id() + " (" + engine.spec().fromLabel() + " → " + to + ") from its journal");
            if (a.abort()) engine.abort("aborted from the command line");
        } else if (a.abort()) {
            say("nothing to abort: no unfinished rollout of " + key + " in " + w.journal().directory());
            return OK;
        } else {
            PreflightReader.Report r;
            try {
                r = w.preflight().check(svc.get(), a.taskDefinition(), settings, snap.takenAt());
            } catch (RolloutEffects.StepFailed e) {
                say("error: " + e.getMessage());
                return REFUSED;
            }
            say("preflight " + key + " → " + r.target().label() + ":");
            r.checks().forEach(c -> say("  " + c.line()));
            r.plan().lines().forEach(this::say);
            if (!r.canStart()) {
                say("refused: the preflight failed; nothing was changed");
                return REFUSED;
            }
            if (a.dryRun()) {
                say("dry run: nothing was changed");
                return OK;
            }
            RolloutSpec spec = PreflightReader.spec(svc.get(), r.target(), settings);
            engine = RolloutEngine.start(spec, w.effects(spec), w.journal(), snap.takenAt());
            say("rollout " + engine.id() + " started; journal " + w.journal().file(engine.id()));
        }
        RolloutStatus end = RolloutRunner.run(engine, w::refresh, pacer, w.profile().refreshInterval(),
                Long.MAX_VALUE, this::report);
        say(end.phase() == RolloutPhase.COMPLETED ? "completed: " + end.endReason().orElse("")
                : "stopped: " + end.endReason().orElse(end.waitingFor()));
        return end.phase() == RolloutPhase.COMPLETED ? OK : STOPPED;
    }

    private static boolean matches(String asked, RolloutSpec spec) {
        return asked != null && (asked.equals(spec.to()) || asked.equals(spec.toLabel()));
    }

    private void report(RolloutStatus s) {
        String line = s.line();
        if (!line.equals(lastLine)) {
            lastLine = line;
            say("[" + TIME.format(s.at()) + "] " + line);
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}

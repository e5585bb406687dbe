package io.drainboard.rollout;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.ExitCode;
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
 * changes. Exit codes ({@link ExitCode}, listed in docs/rollout.md): 0 completed and observed clean (or the dry
 * run's preflight passed), 1 stopped, 2 refused (preflight failed, another engine runs this rollout, an
 * unfinished rollout toward another revision), 3 ended but not clean (a task stopped with calls on it, or with
 * its calls unknown), 64 bad arguments, 66 not found, 69 AWS or LiveKit unavailable, 73 the data directory cannot
 * be written, 75 throttled (try again), 77 not permitted (read-only profile, access denied), 78 invalid profile.
 * <pre>
 * --rollout --profile FILE --service CLUSTER/SERVICE --task-definition ARN|family:rev
 *           [--max-parallel N] [--spares N] [--no-lean] [--dry-run] [--abort]
 * </pre>
 * An unfinished rollout of the same service (journaled on this machine) is resumed; {@code --abort} stops it.
 * {@code --no-lean}: with the http cordon, do not ask the old tasks to report a raised load (see {@link Leaner}).
 */
public final class HeadlessRollout {
    public static final int OK = ExitCode.OK.code(), STOPPED = ExitCode.STOPPED.code(), REFUSED = ExitCode.REFUSED.code(),
            NOT_CLEAN = ExitCode.NOT_CLEAN.code(), USAGE = ExitCode.USAGE.code();
    /** A fresh read of the fleet is tried this many times while the service or its calls cannot be read. */
    static final int READS = 4;
    static final java.time.Duration READ_WAIT = java.time.Duration.ofSeconds(2);
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

    /** From {@code Launcher}: opens the profile with {@code opener}, runs, closes; returns the exit code. */
    public static int main(List<String> args, PrintStream out, RolloutHost.Opener opener) {
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
            return java.nio.file.Files.exists(a.profile()) ? ExitCode.CONFIG.code() : ExitCode.NOT_FOUND.code();
        }
        RolloutHost host;
        try {
            host = opener.open(p, !a.dryRun());
        } catch (RuntimeException e) {
            // Credentials that cannot be resolved, an embedded simulator that cannot start: one line, no stack trace.
            out.println("error: cannot open the profile " + p.name() + ": " + e.getMessage());
            return (e.getCause() instanceof io.drainboard.profile.CredentialsException ? ExitCode.NOT_PERMITTED
                    : ExitCode.CONFIG).code();
        }
        try (host; RolloutWiring w = host.rolloutWiring(RolloutJournal.standard())) {
            return new HeadlessRollout(out).run(a, w, RolloutRunner.Pacer.wallClock());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted: the rollout's journal lets the next run resume it");
            return STOPPED;
        } catch (java.io.UncheckedIOException e) {
            // The journal directory cannot be read or written (permissions, a full disk): one line, no stack trace.
            out.println("error: " + e.getMessage());
            return ExitCode.CANNOT_WRITE.code();
        }
    }

    int run(Args a, RolloutWiring w, RolloutRunner.Pacer pacer) throws InterruptedException {
        String key = a.cluster() + "/" + a.service();
        Optional<String> unfinished = w.journal().unfinishedFor(key);
        if (w.profile().readOnly() && !a.dryRun()) {
            // Refused before anything is read or written: resuming or aborting would journal, then fail every step.
            say("refused: the profile " + w.profile().name() + " is read-only: it may not " + (a.abort() ? "abort"
                    : unfinished.isPresent() ? "resume" : "start") + " a rollout of " + key + "; nothing was changed"
                    + (unfinished.isPresent() ? " and the journal is untouched" : "") + ". Use an operator profile (readOnly: false)");
            return ExitCode.NOT_PERMITTED.code();
        }
        RolloutEngine engine;
        try {
            if (unfinished.isPresent()) {
                RolloutSpec journaled = w.journal().spec(unfinished.get());
                String to = journaled.toLabel();
                if (a.dryRun()) {
                    say("dry run: an unfinished rollout of " + key + " toward " + to + " is in the journal (" + unfinished.get()
                            + "); run without --dry-run to resume it, or with --abort to stop it safely. Nothing was changed");
                    return REFUSED;
                }
                if (!a.abort() && !matches(a.taskDefinition(), journaled)) {
                    say("refused: an unfinished rollout of " + key + " toward " + to + " is in the journal (" + unfinished.get()
                            + "); run again with --task-definition " + to + " to resume it, or --abort to stop it safely");
                    return REFUSED;
                }
                engine = RolloutEngine.resume(unfinished.get(), w.effects(journaled), w.journal(), w.clock().instant());
                say("resuming rollout " + engine.id() + " (" + journaled.fromLabel() + " → " + to + ") from its journal");
                if (a.abort()) engine.abort("aborted from the command line");
            } else if (a.abort()) {
                say("nothing to abort: no unfinished rollout of " + key + " in " + w.journal().directory());
                return OK;
            } else {
                Optional<RolloutEngine> started = start(a, w, pacer, key);
                if (started.isEmpty()) return exit;
                engine = started.get();
            }
        } catch (RolloutRefused r) {
            say("refused: " + r.getMessage());
            return r.code().code();
        }
        RolloutStatus end;
        try {
            end = RolloutRunner.run(engine, w::refresh, pacer, w.profile().refreshInterval(), Long.MAX_VALUE, this::report);
        } finally {
            engine.close();
        }
        if (engine.refused().isPresent()) {
            say(engine.refused().get());
            return REFUSED;
        }
        say((end.phase() == RolloutPhase.COMPLETED ? "completed: " : "stopped: ") + end.endReason().orElse(end.waitingFor()));
        if (end.notClean()) return NOT_CLEAN;
        return end.phase() == RolloutPhase.COMPLETED ? OK : STOPPED;
    }

    private int exit;

    /** Preflight and plan, then a new rollout; empty (with {@link #exit} set) when it does not start. */
    private Optional<RolloutEngine> start(Args a, RolloutWiring w, RolloutRunner.Pacer pacer, String key)
            throws InterruptedException {
        Optional<ServiceLookup.Problem> missing = w.missing(a.cluster(), a.service(), pacer);
        if (missing.isPresent()) return refuse(missing.get().code(), "error: " + missing.get().message()
                + (missing.get().code() == ExitCode.NOT_FOUND ? "" : " (profile " + w.profile().name() + ")"));
        FleetSnapshot snap = settled(a, w, pacer);
        Optional<ServiceSnapshot> svc = snap.service(a.cluster(), a.service());
        if (svc.isEmpty()) {
            boolean read = snap.errors().isEmpty();
            return refuse(read ? ExitCode.USAGE : ExitCode.UNAVAILABLE, "error: service " + key + " exists but profile "
                    + w.profile().name() + (read ? " does not read cluster " + a.cluster() + " (its clusters: "
                    + w.profile().clusters() + ")" : " cannot read it (" + String.join("; ", snap.errors()) + ")"));
        }
        RolloutSettings settings = w.settings(a.cluster(), a.service(), a.maxParallel());
        if (a.noLean()) settings = settings.withLean(false);
        settings = settings.withSpares(a.spares() >= 0 ? a.spares()
                : RolloutSettings.defaultSpares(a.maxParallel(), svc.get().desiredCount(), settings.lean()));
        PreflightReader.Report r;
        try {
            r = w.preflight().check(svc.get(), a.taskDefinition(), settings, snap.takenAt(), pacer);
        } catch (RolloutEffects.StepFailed e) {
            return refuse(e.getCause() instanceof software.amazon.awssdk.core.exception.SdkException x
                    ? ServiceLookup.exitCode(x) : ExitCode.REFUSED, "error: " + e.getMessage());
        }
        say("preflight " + key + " → " + r.target().label() + ":");
        r.checks().forEach(c -> say("  " + c.line()));
        r.plan().lines().forEach(this::say);
        if (!r.canStart()) {
            boolean unseen = r.checks().stream().anyMatch(c -> c.verdict() == PreflightCheck.Verdict.FAIL
                    && (c.name().equals("Calls") || c.name().equals("Journal")));
            ExitCode code = r.checks().stream().anyMatch(c -> c.verdict() == PreflightCheck.Verdict.FAIL && c.name().equals("Journal"))
                    ? ExitCode.CANNOT_WRITE : unseen ? ExitCode.UNAVAILABLE : ExitCode.REFUSED;
            return refuse(code, "refused: the preflight failed; nothing was changed");
        }
        if (a.dryRun()) return refuse(ExitCode.OK, "dry run: nothing was changed");
        RolloutSpec spec = PreflightReader.spec(svc.get(), r.target(), settings);
        RolloutEngine engine = RolloutEngine.start(spec, w.effects(spec), w.journal(), snap.takenAt());
        say("rollout " + engine.id() + " started; journal " + w.journal().file(engine.id()));
        return Optional.of(engine);
    }

    /**
     * A read of the fleet in which the service is read whole and every running task's calls are known, read again
     * (up to {@link #READS} times) while it is not: one LiveKit 5xx or throttled describe must not refuse a rollout.
     */
    private FleetSnapshot settled(Args a, RolloutWiring w, RolloutRunner.Pacer pacer) throws InterruptedException {
        FleetSnapshot snap = w.refresh();
        for (int i = 1; i < READS && !settled(snap, a); i++) {
            pacer.await(READ_WAIT.multipliedBy(i));
            snap = w.refresh();
        }
        return snap;
    }

    private static boolean settled(FleetSnapshot s, Args a) {
        return s.service(a.cluster(), a.service()).map(svc -> svc.error().isEmpty()
                && svc.tasks().stream().filter(ServiceView::running).allMatch(t -> t.calls().known())).orElse(false);
    }

    private Optional<RolloutEngine> refuse(ExitCode code, String line) {
        say(line);
        exit = code.code();
        return Optional.empty();
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

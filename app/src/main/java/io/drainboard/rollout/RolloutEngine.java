package io.drainboard.rollout;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.ExitCode;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A guided rollout of one service, advanced one fleet snapshot at a time: lock → record → suspend scale-in
 * → protect the outgoing tasks → surge → deploy → drain the outgoing tasks one (or maxParallel) at a time,
 * each gated on a replacement taking calls → restore → unlock. Pause, resume, abort and roll back are
 * operator commands. Every step is journaled before it is taken, so {@link #resume} continues a rollout a
 * console was killed in the middle of. See docs/rollout.md.
 */
public final class RolloutEngine {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RolloutContext c;
    private final DrainRunner drains;
    private final LockKeeper lock;
    private final Preparer preparer;
    private final Replacer replacer;
    private final Restorer restorer;

    private RolloutEngine(RolloutMemory m, RolloutEffects fx, RolloutJournal journal) {
        this.c = new RolloutContext(m, fx, journal);
        this.drains = new DrainRunner(c);
        this.lock = new LockKeeper(c);
        this.preparer = new Preparer(c, new Shedder(c, drains));
        this.replacer = new Replacer(c, drains, preparer);
        this.restorer = new Restorer(c, lock);
    }

    /**
     * A new rollout; nothing is sent until the first {@link #step}.
     *
     * @throws RolloutRefused before anything is journaled: a read-only profile, another engine running this
     *                        service's rollout from the same data directory, a journal that cannot be written
     */
    public static RolloutEngine start(RolloutSpec spec, RolloutEffects fx, RolloutJournal journal, Instant now) {
        refuseReadOnly(fx, "start a rollout");
        RolloutMemory m = new RolloutMemory();
        m.id = ID_TIME.format(now) + "-" + (spec.cluster() + "-" + spec.service()).replaceAll("[^A-Za-z0-9_.-]", "_")
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        m.spec = spec;
        m.owner = System.getProperty("user.name", "unknown");
        m.host = host();
        m.startedAt = now;
        m.target = spec.to();
        m.targetLabel = spec.toLabel();
        m.lockId = UUID.randomUUID().toString().substring(0, 8);
        RolloutEngine e = new RolloutEngine(m, fx, journal);
        e.c.now = now;
        e.claim(journal);
        e.journalOrRefuse("start: " + spec.serviceKey() + " " + spec.fromLabel() + " → " + spec.toLabel() + ", maxParallel "
                + spec.settings().maxParallel() + ", cordon " + spec.settings().cordon() + ", by " + m.owner + "@" + m.host
                + " (process " + e.c.pid + ", engine " + e.c.proc + ")");
        return e;
    }

    /**
     * Continues a rollout from its journal (a console restarted after being killed mid-rollout). The engine
     * confirms the service's lock again before it acts: it takes the lock over only from an engine that is
     * gone, and stops without acting while the rollout's engine is alive elsewhere.
     *
     * @throws RolloutRefused before anything is journaled: a read-only profile, or another engine of this data
     *                        directory running the rollout
     */
    public static RolloutEngine resume(String id, RolloutEffects fx, RolloutJournal journal, Instant now) {
        RolloutMemory m = journal.load(id).orElseThrow(() -> new IllegalArgumentException("no rollout journal " + id
                + " in " + journal.directory()));
        RolloutEngine e = new RolloutEngine(m, fx, journal);
        e.c.now = now;
        if (!m.ended()) {
            refuseReadOnly(fx, m.abortRequested ? "abort a rollout" : "resume a rollout");
            e.claim(journal);
            m.done.remove(Step.LOCKED); // until this engine's own tag is confirmed
            e.journalOrRefuse("resumed by " + System.getProperty("user.name", "unknown") + "@" + host()
                    + " (process " + e.c.pid + ", engine " + e.c.proc + ") from the journal");
        }
        return e;
    }

    private static void refuseReadOnly(RolloutEffects fx, String what) {
        if (fx.readOnly()) {
            throw new RolloutRefused(ExitCode.NOT_PERMITTED, "this profile is read-only: it may not " + what
                    + " (nothing was changed, the journal is untouched); use an operator profile (readOnly: false)");
        }
    }

    private void claim(RolloutJournal journal) {
        c.claim = journal.claim(c.m.spec.serviceKey(), c.proc, "pid=" + c.pid + " host=" + host() + " engine=" + c.proc
                + " rollout=" + c.m.id);
    }

    private void journalOrRefuse(String event) {
        try {
            c.journal(event);
        } catch (java.io.UncheckedIOException e) {
            release();
            throw new RolloutRefused(ExitCode.CANNOT_WRITE, e.getMessage());
        }
    }

    /** Lets go of the service's journal directory: the rollout ended, or this process is leaving it to a later one. */
    public synchronized void close() {
        release();
    }

    private void release() {
        if (c.claim != null) {
            c.claim.close();
            c.claim = null;
        }
    }

    /** Why this engine stopped without acting because another live engine drives the rollout; empty otherwise. */
    public synchronized Optional<String> refused() {
        return Optional.ofNullable(c.refusedBecause);
    }

    public String id() {
        return c.m.id;
    }

    public RolloutSpec spec() {
        return c.m.spec;
    }

    public synchronized boolean ended() {
        return c.m.ended() || c.refusedBecause != null;
    }

    /** Advances the rollout on a fresh snapshot; returns where it stands. */
    public synchronized RolloutStatus step(FleetSnapshot s) {
        try {
            return pass(s);
        } finally {
            if (ended()) release();
        }
    }

    private RolloutStatus pass(FleetSnapshot s) {
        if (ended() || s.partial()) return status(); // part of the fleet: a task missing from it may be running
        c.now = s.takenAt();
        Optional<ServiceSnapshot> svc = s.service(c.cluster(), c.service(), c.m.spec.serviceArn());
        if (svc.isEmpty() || svc.get().error().isPresent()) {
            c.waiting = "the service could not be read this refresh ("
                    + svc.flatMap(ServiceSnapshot::error).orElse(String.join("; ", s.errors())) + "); waiting, not acting blind";
            return status();
        }
        c.view = new ServiceView(svc.get(), c.m.target);
        if (!lock.hold() || ended()) return status();
        c.stops.step();
        if (!drains.active().isEmpty()) drains.stepAll();
        if (c.m.abortRequested) {
            abortStep();
        } else if (c.m.pausedBecause != null && !c.has(Step.DEPLOYED)) {
            c.waiting = "paused: " + c.m.pausedBecause;
        } else {
            // The snapshot of the pass that deploys was read before the deployment: judge it from the next one.
            boolean deployedBefore = c.has(Step.DEPLOYED);
            // A rollback starts over: the forward leans would steer new calls to the revision being left.
            if (!deployedBefore && !c.m.leanedUntil.isEmpty()) replacer.leaner().endAll("rolling back to " + c.m.targetLabel);
            if (preparer.prepare() && deployedBefore) {
                if (c.m.failuresSince == null) c.m.failuresSince = c.now;
                if (replacer.step() && stopsSeen() && restorer.restore(false)) finish();
            }
        }
        return status();
    }

    /** No new task is drained until {@link #resumeRollout}; drains under way go on (they are safe). */
    public synchronized void pause(String why) {
        if (ended() || c.m.pausedBecause != null) return;
        c.m.pausedBecause = "paused by the operator" + (why == null || why.isBlank() ? "" : ": " + why);
        c.journal("operator: " + c.m.pausedBecause);
    }

    /** Goes on after a pause; a drain held by an alarm goes on without cordon, stopped only when idle. */
    public synchronized void resumeRollout() {
        if (ended() || c.m.pausedBecause == null) return;
        c.m.pausedBecause = null;
        c.m.failuresSince = c.now;
        drains.resumeHeld();
        c.journal("operator: resumed");
    }

    /**
     * Stops where it is, safely: drains not yet cordoned are cancelled, cordoned ones finish (a signalled
     * worker cannot be called back), then what was changed is restored. Old tasks of a deployment already
     * under way stay protected until their lease ends.
     */
    public synchronized void abort(String why) {
        if (ended() || c.m.abortRequested) return;
        c.m.abortRequested = true;
        c.m.abortReason = why == null || why.isBlank() ? "aborted by the operator" : why;
        c.journal("operator: abort (" + c.m.abortReason + ")");
    }

    /** The same process toward the revision the service ran before; nothing deployed yet means abort. */
    public synchronized void rollback(String why) {
        if (ended() || c.m.direction == Direction.ROLLBACK || c.m.abortRequested) return;
        if (!c.has(Step.DEPLOYED)) {
            abort("rolled back before anything was deployed" + (why == null ? "" : ": " + why));
            return;
        }
        c.m.direction = Direction.ROLLBACK;
        c.m.target = c.m.spec.from();
        c.m.targetLabel = c.m.spec.fromLabel();
        for (Step s : List.of(Step.SHED_CONFIG_SET, Step.SHED, Step.PROTECTED, Step.SURGE_SET, Step.DEPLOYED)) {
            c.m.done.remove(s);
        }
        c.m.pausedBecause = null;
        c.m.failuresSince = null;
        c.journal("operator: roll back to " + c.m.targetLabel + (why == null || why.isBlank() ? "" : " (" + why + ")"));
    }

    public synchronized RolloutStatus status() {
        int replaced = (int) c.m.drained(c.m.direction);
        int toGo = c.view == null ? 0 : c.view.outgoing().size();
        List<String> alarms = new ArrayList<>(c.alarms);
        return new RolloutStatus(c.m.id, c.m.spec.serviceKey(), c.m.direction == Direction.FORWARD ? c.m.spec.fromLabel()
                : c.m.spec.toLabel(), c.m.targetLabel, c.m.direction, phase(), replaced + toGo, replaced,
                drains.statuses(), replacer.leaner().leaned(), c.waiting, Progress.eta(c, drains), alarms, Optional.ofNullable(c.m.pausedBecause),
                Optional.ofNullable(c.refusedBecause != null ? c.refusedBecause : c.m.endReason), Optional.ofNullable(c.lastError),
                c.has(Step.LOCKED) && c.m.lockUntil != null ? Optional.of(new LockHolder(c.m.owner, c.m.host, c.m.lockUntil,
                        c.m.lockId, c.m.id, c.proc, c.pid)) : Optional.empty(), c.now, c.stops.summary());
    }

    private RolloutPhase phase() {
        if (c.refusedBecause != null) return RolloutPhase.STOPPED;
        if (c.m.ended()) return c.m.outcome == RolloutOutcome.COMPLETED ? RolloutPhase.COMPLETED : RolloutPhase.STOPPED;
        if (c.m.abortRequested) return RolloutPhase.ABORTING;
        if (c.m.pausedBecause != null) return RolloutPhase.PAUSED;
        if (!c.has(Step.LOCKED)) return RolloutPhase.LOCKING;
        if (!c.has(Step.DEPLOYED)) return RolloutPhase.PREPARING;
        if (c.view != null && c.view.outgoing().isEmpty() && drains.active().isEmpty()) return RolloutPhase.FINISHING;
        return RolloutPhase.REPLACING;
    }

    private void abortStep() {
        drains.cancelUncordoned();
        // A task whose drain was cancelled goes back to taking calls as it did before the rollout.
        replacer.leaner().endAll("the rollout is aborting");
        if (!drains.active().isEmpty()) {
            c.waiting = "aborting: " + drains.active().size() + " cordoned task(s) finish draining first"
                    + " (a signalled worker cannot be called back)";
            return;
        }
        boolean deployed = c.has(Step.DEPLOYED);
        if (!stopsSeen() || !restorer.restore(deployed)) return;
        int left = c.view.runningOutgoing().size();
        Instant until = c.m.protectedUntil.values().stream().max(Instant::compareTo).orElse(c.now);
        c.m.endedAt = c.now;
        c.m.outcome = RolloutOutcome.STOPPED;
        c.m.endReason = c.stops.summary().words(c.m.abortReason + ". " + replaced()) + "."
                + (deployed && left > 0 ? "; ECS's deployment of " + c.m.targetLabel + " stays in progress with " + left
                + " old task(s) protected until " + until + ": after that ECS replaces them itself and may cut their calls."
                + " Start a rollout to " + c.m.targetLabel + " again to finish safely, or roll back before then."
                : deployed ? "." : "; nothing was deployed and this rollout's protection was released.");
        c.journal("stopped: " + c.m.endReason);
        c.fx.record("rollout-outcome", c.m.spec.serviceArn(), "stopped: " + c.m.endReason);
    }

    private void finish() {
        c.m.endedAt = c.now;
        c.m.outcome = RolloutOutcome.COMPLETED;
        c.m.endReason = c.stops.summary().words((c.m.direction == Direction.ROLLBACK ? "rolled back to " : "now runs ")
                + c.m.targetLabel + ": " + replaced()) + "; deployment configuration, scale-in and lock restored";
        c.journal("completed: " + c.m.endReason);
        c.fx.record("rollout-outcome", c.m.spec.serviceArn(), "completed: " + c.m.endReason);
    }

    /** "3 tasks replaced": the old tasks seen stopped, not the drains the rollout meant to make. */
    private String replaced() {
        long n = c.stops.summary().oldStopped();
        return n + (n == 1 ? " task" : " tasks") + " replaced";
    }

    /** Every task that stopped during the rollout has been seen stopped (its exit code read): the outcome can be told. */
    private boolean stopsSeen() {
        if (c.stops.settled()) return true;
        c.waiting = "waiting to see how " + String.join(", ", c.stops.unsettled()) + " stopped (its exit code)";
        return false;
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}

package io.drainboard.stops;

import io.drainboard.fleet.KillClock;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.calls.ActiveCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one task's stop will be judged on, gathered refresh by refresh while it runs and while ECS stops it:
 * its call readings (the latest two while it runs, all of them once it is stopping), its kill clock, whether
 * the call source was answering, and the readings either side of the worker's SIGTERM. {@link #stopped} then
 * tells what the stop did ({@link ObservedStop}). Used by the history recorder and by every operation that
 * reports an outcome, so both say the same about the same stop. Not thread-safe: one owner.
 */
public final class TaskWatch {
    /** Readings kept for a task ECS is stopping: enough to cover stopTimeout (≤ 120 s on Fargate) at any refresh. */
    public static final int SAMPLES_WHILE_STOPPING = 256;
    /**
     * Calls seen before a SIGTERM and gone at the first reading after it, when that reading came within this
     * long: a draining worker finishes its calls over minutes; a worker that exits on SIGTERM loses them at once.
     */
    static final Duration VANISH_WINDOW = Duration.ofSeconds(30);
    /**
     * Calls gone at the next reading may simply have ended on their own just after the signal (the task a rollout
     * drains first is the one whose calls end soonest): they count as lost only when ECS shows the worker stopping
     * within this long of the signal, before a draining worker could have finished them. Two or more calls gone
     * within one refresh while the worker stopped later are neither: cut or ended, not known (not clean).
     */
    static final Duration EXIT_AT_SIGNAL = Duration.ofSeconds(1);

    private final Deque<CallSample> samples = new ArrayDeque<>();
    private Optional<KillClock> kill = Optional.empty();
    private boolean unknown;
    private Instant signalAt;
    private CallSample beforeSignal;
    private CallSample afterSignal;

    /** One refresh's view of the task while it is not yet STOPPED. */
    public void saw(TaskSnapshot t, Instant at) {
        if (t.kill().isPresent()) kill = t.kill();
        if (t.stopping() && signalAt == null) signalled(t.kill().flatMap(KillClock::sigtermAt).or(t::stoppingAt).orElse(at));
        boolean current = t.calls().known() && !t.calls().stale();
        unknown = !current;
        if (!current) return;
        List<String> rooms = new ArrayList<>();
        for (ActiveCall c : t.calls().calls()) rooms.add(c.room());
        sample(new CallSample(t.calls().observedAt(), t.calls().count(), rooms), t.stopping());
    }

    /** The call source had no answer for the task at its latest reading (a resumed watch, seeded from a journal). */
    public void sawUnknown() {
        unknown = true;
    }

    /** Keeps only the latest readings while the task runs; all of them once ECS is stopping it. */
    public void sample(CallSample s, boolean stopping) {
        if (!samples.isEmpty() && !s.at().isAfter(samples.peekLast().at())) return;
        if (signalAt != null) {
            if (!s.at().isAfter(signalAt)) beforeSignal = s;
            else if (afterSignal == null) afterSignal = s;
        }
        samples.addLast(s);
        int keep = stopping ? SAMPLES_WHILE_STOPPING : 2;
        while (samples.size() > keep) samples.removeFirst();
    }

    /**
     * The worker got its SIGTERM now: from ECS (seen as the task stopping) or from a cordon by ECS Exec. The
     * first signal counts: a second one only kills (and shows as a non-zero exit).
     */
    public void signalled(Instant at) {
        if (signalAt != null) return;
        // The sender acted on the latest reading, whose answer may carry a time after the refresh began: that
        // reading came before the signal.
        signalAt = samples.isEmpty() || !samples.peekLast().at().isAfter(at) ? at : samples.peekLast().at();
        for (CallSample s : samples) if (!s.at().isAfter(signalAt)) beforeSignal = s;
    }

    /** The readings kept, oldest first. */
    public List<CallSample> samples() {
        return List.copyOf(samples);
    }

    public Optional<KillClock> kill() {
        return kill;
    }

    /** The task as seen STOPPED (or first seen so): what its stop did. */
    public ObservedStop stopped(TaskSnapshot t, Instant at) {
        Optional<Integer> exit = ExitCodes.of(t.containers());
        Instant stoppedAt = t.stoppedAt().orElse(at);
        Optional<Instant> killAt = kill.filter(KillClock::exact).map(KillClock::earliestSigkill);
        Instant earliest = kill.map(KillClock::earliestSigkill).orElse(stoppedAt);
        Instant latest = kill.map(KillClock::latestSigkill).orElse(stoppedAt);
        if (latest.isAfter(stoppedAt)) latest = stoppedAt;
        if ("EssentialContainerExited".equals(t.stopCode().orElse("")) && t.stoppingAt().isPresent()) {
            // The worker died by itself (a crash, a second signal) before ECS began stopping the task: its calls
            // went then, and a reading just before that may already show them gone.
            if (t.stoppingAt().get().isBefore(latest)) latest = t.stoppingAt().get();
            earliest = latest.minus(VANISH_WINDOW);
        }
        if (earliest.isAfter(latest)) earliest = latest;
        CallsAtKill calls = samples.isEmpty() ? CallsAtKill.unknown(exit)
                : CallsAtKill.from(new ArrayList<>(samples), earliest, latest, exit, t.calls().source());
        StopCause cause = StopCauses.classify(t.stopCode(), t.stoppedReason(), t.startedBy(), exit);
        return new ObservedStop(t.arn(), t.id(), t.revisionLabel(), t.startedBy(), t.stoppingAt(), killAt, stoppedAt,
                t.stopCode(), t.stoppedReason(), exit, cause, calls, !samples.isEmpty(), unknown,
                vanished(exit, t.stoppingAt(), true), vanished(exit, t.stoppingAt(), false));
    }

    /**
     * The calls seen just before the signal and gone at the next reading: {@code atSignal} those of a worker that
     * stopped at the signal (lost); else, two or more, of a worker that stopped later (ended or lost: not known).
     */
    private OptionalInt vanished(Optional<Integer> exit, Optional<Instant> stoppingAt, boolean atSignal) {
        if (exit.isEmpty() || exit.get() != 0 || beforeSignal == null || beforeSignal.count() == 0) return OptionalInt.empty();
        boolean goneAtOnce = afterSignal == null
                ? !unknown // no reading after the signal: it stopped within a refresh
                : afterSignal.count() == 0 && !afterSignal.at().isAfter(signalAt.plus(VANISH_WINDOW));
        boolean exitedAtSignal = stoppingAt.map(s -> !s.isAfter(signalAt.plus(EXIT_AT_SIGNAL))).orElse(false);
        boolean counted = atSignal ? exitedAtSignal : !exitedAtSignal && beforeSignal.count() >= 2;
        return goneAtOnce && counted ? OptionalInt.of(beforeSignal.count()) : OptionalInt.empty();
    }
}

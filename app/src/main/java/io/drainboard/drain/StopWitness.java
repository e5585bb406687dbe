package io.drainboard.drain;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.stops.ObservedStop;
import io.drainboard.stops.StopCause;
import io.drainboard.stops.StopLine;
import io.drainboard.stops.StopsSummary;
import io.drainboard.stops.TaskOutcome;
import io.drainboard.stops.TaskWatch;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the tasks a drain, a scale-in or an instance drain acts on, refresh by refresh, and records how each
 * one stopped as observed ({@link TaskWatch}: its calls at the last reading, exit code, stop code, who stopped
 * it), so that the operation's outcome says what happened, not what it meant to do ({@link StopsSummary}).
 * A stop is this console's when ECS records a StopTask by Drainboard, a worker leaving after this console's
 * signal, or (for an instance drain) ECS moving tasks off an instance this console set DRAINING.
 */
public final class StopWitness {
    /** A task gone from complete reads this long without its stop being listed: its calls are unknown. */
    static final Duration NOT_SEEN_AFTER = Duration.ofMinutes(3);
    /** What the console's StopTask reason starts with (FleetDrainEffects): ECS keeps it as stoppedReason. */
    static final String STOP_MARKER = "Drainboard";

    private static final class Entry {
        final TaskWatch watch = new TaskWatch();
        boolean signalled;
        String service;
        Instant missingSince;
        StopLine outcome;
    }

    private final boolean instanceDrain;
    private final Map<String, Entry> tasks = new LinkedHashMap<>();

    /** @param instanceDrain this console set the tasks' instance DRAINING, so ECS's moves off it are its own */
    public StopWitness(boolean instanceDrain) {
        this.instanceDrain = instanceDrain;
    }

    public synchronized void watch(String taskArn) {
        tasks.putIfAbsent(taskArn, new Entry());
    }

    /** This console's ECS Exec cordon signalled the task's worker at {@code at}. */
    public synchronized void signalled(String taskArn, Instant at) {
        Entry e = tasks.get(taskArn);
        if (e == null || e.signalled) return;
        e.signalled = true;
        e.watch.signalled(at);
    }

    /** One refresh: readings of the watched tasks still live, stops of those that stopped. */
    public synchronized void saw(FleetSnapshot s) {
        s.services().forEach(svc -> saw(svc, s.takenAt()));
    }

    /** One refresh of a service; an incomplete read concludes nothing about absent tasks. */
    public synchronized void saw(ServiceSnapshot svc, Instant now) {
        for (Map.Entry<String, Entry> w : tasks.entrySet()) {
            Entry e = w.getValue();
            if (e.outcome != null) continue;
            Optional<TaskSnapshot> t = find(svc.tasks(), w.getKey()).or(() -> find(svc.recentlyStopped(), w.getKey()));
            if (t.isPresent()) {
                e.service = svc.key();
                e.missingSince = null;
                if ("STOPPED".equals(t.get().lastStatus())) {
                    ObservedStop o = e.watch.stopped(t.get(), now);
                    e.outcome = TaskOutcome.of(o, ours(o, e.signalled)).line(true);
                } else {
                    e.watch.saw(t.get(), now);
                }
            } else if (svc.key().equals(e.service) && svc.error().isEmpty()) {
                if (e.missingSince == null) {
                    e.missingSince = now;
                } else if (Duration.between(e.missingSince, now).compareTo(NOT_SEEN_AFTER) >= 0) {
                    e.outcome = TaskOutcome.notSeen(w.getKey()).line(true);
                }
            }
        }
    }

    public synchronized Optional<StopLine> outcome(String taskArn) {
        Entry e = tasks.get(taskArn);
        return e == null ? Optional.empty() : Optional.ofNullable(e.outcome);
    }

    /** The task's stop has been seen (or given up on as unseen). */
    public synchronized boolean settled(String taskArn) {
        return outcome(taskArn).isPresent();
    }

    /** The stops seen so far, in the order the tasks were watched. */
    public synchronized StopsSummary summary() {
        return new StopsSummary(tasks.values().stream().map(e -> e.outcome).filter(java.util.Objects::nonNull).toList());
    }

    public synchronized List<String> watched() {
        return List.copyOf(tasks.keySet());
    }

    private boolean ours(ObservedStop o, boolean signalled) {
        if (instanceDrain && o.cause() == StopCause.INSTANCE) return true;
        return TaskOutcome.of(o, STOP_MARKER, signalled).origin() == TaskOutcome.Origin.THIS_ENGINE;
    }

    private static Optional<TaskSnapshot> find(List<TaskSnapshot> ts, String arn) {
        for (TaskSnapshot t : ts) if (t.arn().equals(arn)) return Optional.of(t);
        return Optional.empty();
    }
}

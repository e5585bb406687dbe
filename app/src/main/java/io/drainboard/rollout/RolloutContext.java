package io.drainboard.rollout;

import io.drainboard.drain.CutRisk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the parts of one rollout share during a pass: the memory (journaled), the effects, the service as
 * this refresh shows it, and what the pass found out (why it waits, alarms, the last error).
 */
final class RolloutContext {
    /** A step that keeps failing this long pauses the rollout; shorter bursts (throttling, 5xx) are ridden out. */
    static final Duration FAILING_TOO_LONG = Duration.ofMinutes(10);

    final RolloutMemory m;
    final RolloutEffects fx;
    final RolloutJournal journal;
    final CutRisk risk;
    /** How each task of the service stopped, as observed: what the outcome is built from. */
    final StopTracker stops;
    /** When each new task was first seen taking a call (the gate); not journaled: seen again after a restart. */
    final Map<String, Instant> firstCallAt = new HashMap<>();
    /** When this engine deployed the target revision (null before, and after a console restart). */
    Instant deployedAt;
    final List<String> alarms = new ArrayList<>();
    /** This engine process: named in the lock tag, so two engines of one rollout are told apart. */
    final String proc = java.util.UUID.randomUUID().toString().substring(0, 8);
    final long pid = ProcessHandle.current().pid();
    /** This engine's hold on the service's journal directory while it runs (null once released). */
    JournalClaim claim;
    /** Why this engine stopped without acting: another live engine drives the rollout (not journaled: not ours). */
    String refusedBecause;
    Instant now = Instant.EPOCH;
    ServiceView view;
    String waiting = "";
    String lastError;
    private Instant failingSince;

    RolloutContext(RolloutMemory m, RolloutEffects fx, RolloutJournal journal) {
        this.m = m;
        this.fx = fx;
        this.journal = journal;
        this.risk = m.spec.settings().risk();
        this.stops = new StopTracker(this);
    }

    String cluster() {
        return m.spec.cluster();
    }

    String service() {
        return m.spec.service();
    }

    void journal(String event) {
        journal.record(m, now, event);
    }

    /**
     * Journals the intent, takes the step, journals the result. A failure is journaled and remembered; the
     * step is tried again on the next pass. Returns whether it was done.
     */
    boolean act(String what, Runnable step) {
        return act(what, step, true);
    }

    /**
     * As {@link #act}, for a write beside the rollout's own steps (the lock's tag): done, it says nothing about a
     * step that keeps failing, so that step's failure clock runs on and still pauses the rollout after {@link
     * #FAILING_TOO_LONG}. (The lock is renewed every 5 min: counted as progress, it kept a step that failed for ever
     * from ever pausing the rollout.)
     */
    boolean actBeside(String what, Runnable step) {
        return act(what, step, false);
    }

    private boolean act(String what, Runnable step, boolean progress) {
        journal("intent: " + what);
        try {
            step.run();
        } catch (RolloutEffects.StepFailed e) {
            failed(what, e.getMessage());
            return false;
        }
        if (progress) succeeded();
        journal("done: " + what);
        return true;
    }

    void failed(String what, String why) {
        lastError = what + " failed: " + why;
        if (failingSince == null) failingSince = now;
        journal("failed: " + what + ": " + why);
        if (Duration.between(failingSince, now).compareTo(FAILING_TOO_LONG) >= 0 && m.pausedBecause == null) {
            m.pausedBecause = what + " has failed for " + FAILING_TOO_LONG.toMinutes() + " min (" + why
                    + "); fix the cause and resume, or abort";
            journal("paused: " + m.pausedBecause);
        }
    }

    void succeeded() {
        failingSince = null;
        lastError = null;
    }

    void alarm(String a) {
        if (!alarms.contains(a)) alarms.add(a);
    }

    void done(Step s) {
        m.done.add(s);
    }

    boolean has(Step s) {
        return m.done.contains(s);
    }

    static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}

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
    /** When each new task was first seen taking a call (the gate); not journaled: seen again after a restart. */
    final Map<String, Instant> firstCallAt = new HashMap<>();
    /** When this engine deployed the target revision (null before, and after a console restart). */
    Instant deployedAt;
    final List<String> alarms = new ArrayList<>();
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
        journal("intent: " + what);
        try {
            step.run();
        } catch (RolloutEffects.StepFailed e) {
            failed(what, e.getMessage());
            return false;
        }
        succeeded();
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

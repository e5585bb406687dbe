package io.drainboard.rollout;

import io.drainboard.drain.HttpCordon;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Leans the old tasks not yet cordoned: each is asked, through the lean route next to its drain route
 * (docs/worker-snippets.md), to report a raised load, so LiveKit's pick — random, weighted by
 * max(0, 1 − load) (docs/livekit-facts.md#dispatch) — sends new calls to the
 * replacements. A leaned worker stays available, so it still takes calls when the new tasks are full: no
 * capacity is lost and maxParallel keeps its meaning. Why: a drain lasts as long as the calls the task took
 * before its cordon, and at maxParallel 4 one long call that began on an old task after the rollout started
 * decided the end (docs/benchmarks.md, "Guided rollout").
 *
 * <p>Only once a replacement has passed the gate (a new revision that does not take calls well gets no
 * extra ones), never while paused or aborting (the leans are ended then), and with a worker-side
 * time-to-live renewed at half-time, so a console that dies leaves at most {@link #TTL} of lean behind.
 * Each lean is journaled and audited; ending one that cannot be reached is left to the time-to-live.
 */
final class Leaner {
    /** How long the worker keeps a lean unless renewed. */
    static final Duration TTL = Duration.ofMinutes(10);
    /** A task whose lean failed is asked again after this. */
    static final Duration RETRY = Duration.ofMinutes(1);

    private final RolloutContext c;
    private final DrainRunner drains;
    private final Predicate<TaskSnapshot> ready;
    /** Not journaled: a resumed console may ask again at once, which costs one request. */
    private final Map<String, Instant> retryAt = new HashMap<>();

    Leaner(RolloutContext c, DrainRunner drains, Predicate<TaskSnapshot> ready) {
        this.c = c;
        this.drains = drains;
        this.ready = ready;
    }

    /** One pass: lean (or renew) the old tasks not yet cordoned, or end the leans while paused or aborting. */
    void step() {
        c.m.leanedUntil.values().removeIf(until -> !until.isAfter(c.now));
        if (!c.m.spec.settings().leans() || c.m.leanOff != null) return;
        if (c.m.abortRequested || c.m.pausedBecause != null) {
            endAll(c.m.abortRequested ? "the rollout is aborting" : "the rollout is paused");
            return;
        }
        if (c.view.incomingLive().stream().noneMatch(ready)) return;
        Instant renewBy = c.now.plus(TTL.dividedBy(2));
        List<String> due = new ArrayList<>();
        for (TaskSnapshot t : c.view.runningOutgoing()) {
            if (drains.everDrained(t.arn())) continue;
            if (retryAt.getOrDefault(t.arn(), Instant.MIN).isAfter(c.now)) continue;
            Instant until = c.m.leanedUntil.get(t.arn());
            if (until == null || until.isBefore(renewBy)) due.add(t.arn());
        }
        if (due.isEmpty()) return;
        c.journal("intent: lean " + due.size() + " old task(s) for " + TTL.toMinutes() + " min (new calls prefer the"
                + " replacements)");
        int ok = 0, asked = 0;
        String failure = null;
        for (String arn : due) {
            if (failure != null) {
                // One worker failed (VPN down, route overloaded): the others likely would too, and each request
                // can take its timeout inside this pass. Ask them again next time.
                retryAt.put(arn, c.now.plus(RETRY));
                continue;
            }
            asked++;
            HttpCordon.Lean l = c.fx.lean(c.cluster(), arn, TTL, "rollout " + c.m.id + ": new calls should prefer the"
                    + " replacements; the worker lets the lean lapse after " + TTL.toMinutes() + " min");
            switch (l.answer()) {
                case OK -> {
                    c.m.leanedUntil.put(arn, c.now.plus(TTL));
                    retryAt.remove(arn);
                    ok++;
                }
                case NO_ROUTE -> {
                    // Leaning only shortens drains; a worker without the route is drained as before.
                    c.m.leanOff = l.message();
                    c.journal("lean off for this rollout: " + l.message() + "; old tasks are drained without it");
                    endAll("leaning is off");
                    return;
                }
                case FAILED -> {
                    retryAt.put(arn, c.now.plus(RETRY));
                    failure = RolloutContext.shortId(arn) + ": " + l.message();
                }
            }
        }
        c.journal("done: leaned " + ok + " of " + due.size() + " task(s)" + (failure == null ? "" : "; "
                + (due.size() - ok) + " not leaned (" + (due.size() - asked) + " not asked after a failure), asked again in "
                + RETRY.toMinutes() + " min (" + failure + ")"));
    }

    /** Ends every lean this rollout set on a task still running; one that cannot be reached lapses on its own. */
    void endAll(String why) {
        List<String> live = new ArrayList<>();
        for (String arn : c.m.leanedUntil.keySet()) {
            if (c.view.task(arn).filter(ServiceView::live).isPresent()) live.add(arn);
        }
        if (live.isEmpty()) {
            c.m.leanedUntil.clear();
            return;
        }
        c.journal("intent: end the lean of " + live.size() + " task(s) (" + why + ")");
        List<String> lapsing = new ArrayList<>();
        String failure = null;
        for (String arn : live) {
            // After one failure the others are left to lapse too: each request could take its timeout in this pass.
            HttpCordon.Lean l = failure != null ? new HttpCordon.Lean(HttpCordon.LeanAnswer.FAILED, "not asked after " + failure)
                    : c.fx.lean(c.cluster(), arn, Duration.ZERO, "rollout " + c.m.id + ": " + why);
            if (l.answer() != HttpCordon.LeanAnswer.OK) {
                lapsing.add(RolloutContext.shortId(arn) + " at " + c.m.leanedUntil.get(arn) + " (" + l.message() + ")");
                if (failure == null) failure = RolloutContext.shortId(arn) + "'s failure";
            }
        }
        c.m.leanedUntil.clear();
        c.journal("done: ended the lean of " + (live.size() - lapsing.size()) + " task(s)"
                + (lapsing.isEmpty() ? "" : "; left to lapse on the worker: " + String.join(", ", lapsing)));
    }

    /** Old tasks leaned now and still taking calls (a cordoned one takes none, leaned or not). */
    int leaned() {
        if (c.view == null) return 0;
        return (int) c.m.leanedUntil.entrySet().stream().filter(e -> e.getValue().isAfter(c.now))
                .filter(e -> !drains.everDrained(e.getKey()) && c.view.task(e.getKey()).filter(ServiceView::running).isPresent())
                .count();
    }
}

package io.drainboard.rollout;

import io.drainboard.drain.IdleSoonest;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rollout proper, once the target is deployed: ECS starts replacements into the room maximumPercent
 * leaves, but cannot stop the protected outgoing tasks; the rollout drains them, the one predicted idle
 * soonest first, at most maxParallel at a time, and only while the tasks taking calls stay at or above
 * desired count without the one it is about to cordon. A replacement counts once it is RUNNING, not
 * unhealthy, and has been taking calls for the gate time.
 */
final class Replacer {
    /** How long after its own protection write the rollout trusts a read that does not show it. */
    static final java.time.Duration OWN_WRITE_GRACE = java.time.Duration.ofMinutes(1);

    private final RolloutContext c;
    private final DrainRunner drains;
    private final Preparer preparer;
    private final Leaner leaner;

    Replacer(RolloutContext c, DrainRunner drains, Preparer preparer) {
        this.c = c;
        this.drains = drains;
        this.preparer = preparer;
        this.leaner = new Leaner(c, drains, this::ready);
    }

    Leaner leaner() {
        return leaner;
    }

    /** One pass; returns true when every outgoing task is gone and the replacements run: time to restore. */
    boolean step() {
        watchIncoming();
        checkDeployment();
        renewProtection();
        leaner.step();
        List<TaskSnapshot> outgoing = c.view.outgoing();
        if (outgoing.isEmpty() && drains.active().isEmpty()) {
            leaner.endAll("every old task is gone");
            long up = c.view.incomingLive().stream().filter(ServiceView::running).count();
            if (up >= c.view.desired()) return true;
            c.waiting = "every old task is gone; waiting for the last replacement(s): " + up + " of " + c.view.desired()
                    + " running";
            return false;
        }
        startDrains();
        return false;
    }

    /** Replacements taking calls: first call seen (the gate runs from it). */
    private void watchIncoming() {
        for (TaskSnapshot t : c.view.incomingLive()) {
            if (c.firstCallAt.containsKey(t.arn()) || !t.calls().known() || t.calls().count() == 0) continue;
            Instant first = t.calls().oldestStart().filter(s -> s.isBefore(c.now)).orElse(c.now);
            c.firstCallAt.put(t.arn(), first);
        }
    }

    boolean ready(TaskSnapshot t) {
        if (!ServiceView.running(t) || "UNHEALTHY".equals(t.healthStatus())) return false;
        Duration gate = c.m.spec.settings().gate();
        Instant first = c.firstCallAt.get(t.arn());
        if (first != null) return !first.plus(gate).isAfter(c.now);
        // A service with no calls at all cannot show a replacement taking them: running for the gate time will do.
        return quiet() && t.startedAt().map(s -> !s.plus(gate).isAfter(c.now)).orElse(false);
    }

    private boolean quiet() {
        return c.view.svc.tasks().stream().allMatch(t -> t.calls().known() && t.calls().count() == 0);
    }

    /** The new revision failing, or the deployment changed under us: stop draining until the operator decides. */
    private void checkDeployment() {
        if (c.m.pausedBecause != null) return;
        if (!c.view.deployed()) {
            // Our own UpdateService may not show in ECS's reads yet (read-after-write lag): not a change by others.
            if (c.deployedAt != null && c.now.isBefore(c.deployedAt.plus(OWN_WRITE_GRACE))) return;
            pause("the service now deploys " + c.view.primaryRevision().orElse("nothing") + ", not " + c.m.targetLabel
                    + " (changed outside this rollout, or ECS's circuit breaker rolled it back). Nothing more is drained;"
                    + " the old tasks stay protected. Roll back or abort.");
            return;
        }
        List<TaskSnapshot> failed = c.view.failedIncoming().stream()
                .filter(t -> t.stoppedAt().map(s -> c.m.failuresSince == null || s.isAfter(c.m.failuresSince)).orElse(true))
                .toList();
        if (failed.size() >= c.m.spec.settings().failuresToPause()) {
            TaskSnapshot last = failed.get(0);
            pause(failed.size() + " tasks of " + c.m.targetLabel + " stopped on their own (" + last.stopCode().orElse("")
                    + ": " + last.stoppedReason().orElse("no reason given") + "). Nothing more is drained; the old tasks"
                    + " stay protected. Roll back, or fix the revision and resume.");
        } else if (c.view.primary.map(d -> "FAILED".equals(d.rolloutState())).orElse(false)) {
            pause("ECS marked the deployment of " + c.m.targetLabel + " FAILED ("
                    + c.view.primary.get().rolloutStateReason().orElse("circuit breaker") + "). Roll back or abort.");
        }
    }

    private void pause(String why) {
        c.m.pausedBecause = why;
        c.alarm(why);
        c.journal("paused: " + why);
    }

    /** Keeps every outgoing task protected until its turn; a drain renews its own task. */
    private void renewProtection() {
        List<String> due = new ArrayList<>();
        for (TaskSnapshot t : c.view.runningOutgoing()) {
            if (drains.everDrained(t.arn())) continue;
            // Protection is read on every refresh: OFF while our lease runs means someone released it — unless our
            // own write may not show yet (ECS reads can lag a write, API Reference "RunTask"; ownWriteSettled).
            Instant ours = c.m.protectedUntil.getOrDefault(t.arn(), Instant.MIN);
            boolean releasedUnderUs = t.protection().state() == Protection.State.OFF && ours.isAfter(c.now)
                    && ownWriteSettled(ours);
            if (releasedUnderUs) c.alarm("protection of " + t.id() + " was removed outside this rollout; protected again");
            if (!preparer.fresh(t.arn()) || releasedUnderUs) due.add(t.arn());
        }
        preparer.protect(due, "renewed until its turn to drain");
    }

    /**
     * Our protection written with expiry {@code until} (so at until − lease) is old enough that a read not showing
     * it is not just ECS's read-after-write lag: AWS advises backing off "up to about five minutes"; a minute is
     * what the console waits before it calls a missing protection someone else's doing.
     */
    private boolean ownWriteSettled(Instant until) {
        return !c.now.isBefore(until.minus(c.m.spec.settings().lease()).plus(OWN_WRITE_GRACE));
    }

    private void startDrains() {
        List<TaskSnapshot> outgoing = c.view.runningOutgoing();
        int k = c.m.spec.settings().maxParallel();
        int desired = c.view.desired();
        List<TaskSnapshot> idleOld = outgoing.stream().filter(t -> !drains.everDrained(t.arn())).toList();
        List<TaskSnapshot> incoming = c.view.incomingLive();
        long readyNew = incoming.stream().filter(this::ready).count();
        long serving = idleOld.size() + readyNew;
        if (c.m.abortRequested || c.m.pausedBecause != null) return;
        while (drains.active().size() < k && serving - 1 >= desired) {
            List<TaskSnapshot> candidates = idleOld.stream().filter(t -> !drains.everDrained(t.arn())).toList();
            Optional<IdleSoonest.Pick> p = Picker.next(candidates, c.now, c.risk);
            if (p.isEmpty()) break;
            drains.start(p.get().task(), p.get().why());
            serving--;
        }
        c.waiting = why(idleOld, incoming, serving, desired);
    }

    private String why(List<TaskSnapshot> idleOld, List<TaskSnapshot> incoming, long serving, int desired) {
        if (drains.active().size() >= c.m.spec.settings().maxParallel()) return "draining";
        if (!idleOld.isEmpty() && idleOld.stream().noneMatch(t -> t.calls().known())) {
            return "calls unknown on the old tasks: not picking a task blind";
        }
        if (serving - 1 < desired) {
            List<String> parts = new ArrayList<>();
            for (TaskSnapshot t : incoming) if (!ready(t)) parts.add(replacement(t));
            if (parts.isEmpty()) return "waiting for ECS to start a replacement (" + serving + " tasks taking calls, desired "
                    + desired + ")";
            return "waiting for " + String.join("; ", parts);
        }
        return "draining";
    }

    private String replacement(TaskSnapshot t) {
        String id = t.id();
        if (!ServiceView.running(t)) return "replacement " + id + " to start (" + t.lastStatus() + ")";
        if ("UNHEALTHY".equals(t.healthStatus())) return "replacement " + id + " is UNHEALTHY";
        Instant first = c.firstCallAt.get(t.arn());
        long gate = c.m.spec.settings().gate().toSeconds();
        if (first == null) {
            long up = t.startedAt().map(s -> Duration.between(s, c.now).toSeconds()).orElse(0L);
            return "replacement " + id + " running " + Progress.seconds(up) + ", waiting for its first call";
        }
        return "replacement " + id + " taking calls for " + Progress.seconds(Duration.between(first, c.now).toSeconds())
                + " of the " + Progress.seconds(gate) + " gate";
    }
}

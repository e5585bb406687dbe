package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Guard mode's decision for one service at one instant (docs/drain.md, Guard mode): ECS scale-in and deployments only
 * ever stop idle tasks.
 * <p>
 * Every running task is kept protected (lease renewed before it runs low), idle ones included, and an
 * idle task is released only when ECS is waiting to stop one: the service runs more tasks than desired
 * (a scale-in held back by protection) or a deployment is replacing an old revision. Releasing every
 * idle task at once would leave a window — between release and ECS's stop — in which LiveKit dispatches
 * a new call to it and the stop cuts that call (the scenario test showed exactly that). Released this
 * way, ECS stops the task at once. Tasks whose calls are unknown are never released, only renewed. An idle task that
 * is already unprotected while ECS waits to stop one is left to that stop, not protected again: otherwise a guard would
 * protect it, release another, and the scale-in would never complete.
 */
public final class GuardPolicy {
    /**
     * Lease length, how early to renew, and how long a task must stay idle before it may be released.
     * Renewing at half the lease matters: while ECS waits to scale in busy tasks the service has more
     * protected tasks than desired, and protection updates can fail with DEPLOYMENT_BLOCKED until enough
     * tasks go idle — the remaining lease is the cushion that keeps busy tasks protected meanwhile.
     */
    public record Settings(Duration lease, Duration renewBefore, Duration idleHysteresis) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(120), Duration.ofMinutes(60),
                Duration.ofMinutes(2));

        public Settings {
            if (lease.toMinutes() < 1 || lease.toMinutes() > ProtectionActions.MAX_MINUTES) {
                throw new IllegalArgumentException("guard lease must be 1–2880 minutes");
            }
            if (renewBefore.compareTo(lease) >= 0) throw new IllegalArgumentException("renew before the lease ends");
        }
    }

    /** What to do now, and the idle clocks to carry to the next decision. */
    public record Decision(List<String> protect, List<String> release, Map<String, Instant> idleSince) {
        public boolean nothing() {
            return protect.isEmpty() && release.isEmpty();
        }
    }

    private final Settings settings;

    public GuardPolicy(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * What a guard knows beyond the snapshot: who holds each task's protection, whether the service's workers protect
     * themselves, and whether the reading is good enough to release on (a service or cluster read that failed keeps
     * old data: a task idle then may have calls now).
     */
    public record View(Function<TaskSnapshot, ProtectionHolder> holder, boolean selfProtecting, boolean mayRelease) {
        /** Every protection is the guard's own, nobody self-protects: guard mode as it was before holders. */
        public static final View OWN = new View(t -> new ProtectionHolder(ProtectionHolder.Kind.THIS_CONSOLE, ""), false, true);
    }

    /**
     * How close to its expiry a busy task's own (worker) protection may run before a guard backs it up: the worker
     * renews every 10 minutes (docs/worker-snippets.md), so this much left means its renewals are failing.
     */
    public static final Duration BACKSTOP_BEFORE = Duration.ofMinutes(5);

    public Decision decide(ServiceSnapshot service, Map<String, Instant> idleSince, Instant now) {
        return decide(service, idleSince, now, View.OWN);
    }

    /**
     * As above, never ending a protection that is not a guard's (the worker's own, someone else's). On a service whose
     * workers protect themselves the guard only backs them up: a busy task that is unprotected, or whose protection is
     * about to lapse ({@link #BACKSTOP_BEFORE}), is protected; idle tasks are left to their workers and nothing is
     * released (a release could race the worker's own protect on its next job).
     */
    public Decision decide(ServiceSnapshot service, Map<String, Instant> idleSince, Instant now, View view) {
        return decide(service, idleSince, now, view, true);
    }

    /**
     * @param leads whether this guard leads the service: only a leader releases; any guard leaves an idle task that is
     *              already unprotected to the stop ECS is waiting to make ({@link #waitedFor})
     */
    private Decision decide(ServiceSnapshot service, Map<String, Instant> idleSince, Instant now, View view, boolean leads) {
        List<String> protect = new ArrayList<>();
        List<TaskSnapshot> releasable = new ArrayList<>();
        List<TaskSnapshot> open = new ArrayList<>();
        List<String> idleAsked = new ArrayList<>();
        Map<String, Instant> idle = new HashMap<>();
        int running = 0, primary = 0;
        for (TaskSnapshot t : service.tasks()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) continue;
            running++;
            if (t.taskDefinitionArn().equals(service.taskDefinitionArn())) primary++;
            Protection p = t.protection();
            boolean on = p.state() == Protection.State.ON;
            boolean expiring = on && p.expiresAt().map(e -> Duration.between(now, e).compareTo(settings.renewBefore()) <= 0)
                    .orElse(false);
            if (view.selfProtecting()) {
                boolean lapsing = on && p.expiresAt().map(e -> Duration.between(now, e).compareTo(BACKSTOP_BEFORE) <= 0)
                        .orElse(false);
                boolean busy = t.calls().known() && t.calls().count() > 0;
                if ((busy && (!on || lapsing)) || (!t.calls().known() && lapsing)) protect.add(t.arn());
                continue;
            }
            if (!t.calls().known()) {
                if (expiring) protect.add(t.arn());
                continue;
            }
            if (t.calls().count() > 0) {
                if (!on || expiring) protect.add(t.arn());
                continue;
            }
            Instant since = idleSince.getOrDefault(t.arn(), now);
            idle.put(t.arn(), since);
            boolean ours = on && view.holder().apply(t).aGuardMayRelease();
            if (leads && ours && view.mayRelease() && Duration.between(since, now).compareTo(settings.idleHysteresis()) >= 0) {
                releasable.add(t);
            } else if (!on || expiring) {
                protect.add(t.arn());
                if (!on) idleAsked.add(t.arn());
                if (!on && view.mayRelease()) open.add(t);
            }
        }
        // During a deployment the old revision's tasks are the deployment's to stop (an ACTIVE deployment's tasks are
        // replaced), and a scale-in stops the PRIMARY deployment's tasks above the desired count (docs/aws-facts.md,
        // rolling-deployment): counting the old ones as surplus released new idle tasks ECS never stopped.
        int wanted = service.deploying() ? primary : running;
        List<String> waited = waitedFor(service, releasable, open, idle, wanted);
        List<String> release = new ArrayList<>();
        for (TaskSnapshot t : releasable) {
            boolean expiring = t.protection().expiresAt()
                    .map(e -> Duration.between(now, e).compareTo(settings.renewBefore()) <= 0).orElse(false);
            if (waited.contains(t.arn())) release.add(t.arn());
            else if (expiring) protect.add(t.arn());
        }
        // An idle task already unprotected (released last pass, by this guard or a leader now dead, and not stopped yet)
        // is not protected again while ECS waits to stop one: protecting it would take the place of the one ECS is
        // waiting for, the next pass would release another, and the scale-in would never complete.
        protect.removeAll(waited);
        idleAsked.removeAll(waited);
        if (view.mayRelease()) { // a failed read's counts are old: the idle task may have a call now, so ask
            protect.removeAll(idleAsked);
            protect.addAll(idleAsked.subList(0, Math.min(idleAsked.size(), freeSlots(service, protect, release))));
        }
        return new Decision(protect, release, idle);
    }

    /**
     * The protection slots left for idle tasks once the decision is done: ECS refuses to protect a task with
     * DEPLOYMENT_BLOCKED when "the service has more protected tasks than the desired count"
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection.html; docs/aws-facts.md,
     * deployment-blocked). An idle task the guard left unprotected (released to make room for a busy one, or one
     * ECS had a surplus to stop) is asked for again only into a free slot: asking while the slots are full is refused
     * on every pass, and where ECS counts otherwise it takes the slot the next busy task needs, which {@link GuardRoom}
     * then has to take back. A busy task is never held back by this: it is protected first, and gets an idle task's
     * slot when refused. Counted as ECS words it: every protected task of the service, whatever its revision.
     *
     * @param protect what the decision protects (renewals included: they hold a slot already)
     */
    private static int freeSlots(ServiceSnapshot service, List<String> protect, List<String> release) {
        int taken = 0;
        for (TaskSnapshot t : service.tasks()) {
            if (!"RUNNING".equals(t.desiredStatus())) continue;
            boolean on = t.protection().state() == Protection.State.ON;
            if (on ? !release.contains(t.arn()) : protect.contains(t.arn())) taken++;
        }
        return Math.max(0, service.desiredCount() - taken);
    }

    /**
     * What a guard that does not lead a service protects. Protecting needs no leader — two guards protecting the same
     * task is harmless — only releasing does (a release by one would race the other's view). So while no guard leads
     * (none yet, or the leader's lease lapsed) a guard protects all the policy would and releases nothing; while
     * another guard leads it protects only a busy task that nothing protects, which the leader would protect on its
     * own next pass: the refreshes between a guard's start or a leader's death and a new leader's first pass are
     * otherwise a window in which ECS scale-in stops a busy unprotected task (docs/benchmarks.md, guard chaos). Like a
     * leader, it leaves an idle unprotected task to the stop ECS is waiting to make.
     *
     * @param leaderless no live lease: no guard leads the service
     */
    public List<String> protectWithoutLead(ServiceSnapshot service, Instant now, View view, boolean leaderless) {
        Decision d = decide(service, Map.of(), now, view, false);
        if (leaderless) return d.protect();
        List<String> out = new ArrayList<>();
        for (TaskSnapshot t : service.tasks()) {
            boolean busyUnprotected = t.calls().known() && t.calls().count() > 0 && t.protection().state() == Protection.State.OFF;
            if (busyUnprotected && d.protect().contains(t.arn())) out.add(t.arn());
        }
        return out;
    }

    /** Idle tasks to release so that busy ones ECS refused at its protected-task limit can be protected. */
    public record Room(List<String> release, List<String> busy) {
    }

    /**
     * Room for busy tasks ECS refused to protect with DEPLOYMENT_BLOCKED ({@link GuardRoom}): one idle task a guard
     * holds for each refused busy task, an old revision's first (a deployment waits to stop it), then the longest idle.
     * Never a busy task, one whose calls are unknown, a protection that is not a guard's, on a service whose workers
     * protect themselves, nor after a failed read (a task idle then may have calls now).
     *
     * @param refused   tasks whose protection ECS refused at its limit (only the busy, unprotected ones count)
     * @param releasing what the decision releases anyway
     */
    public Room roomFor(ServiceSnapshot service, List<String> refused, Map<String, Instant> idleSince,
                        List<String> releasing, View view) {
        if (refused.isEmpty() || view.selfProtecting() || !view.mayRelease()) return new Room(List.of(), List.of());
        List<String> busy = new ArrayList<>();
        List<TaskSnapshot> idle = new ArrayList<>();
        for (TaskSnapshot t : service.tasks()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus()) || !t.calls().known()) continue;
            if (t.calls().count() > 0) {
                // A refused renewal keeps the lease the task has (Renewal): only an unprotected task needs room.
                if (refused.contains(t.arn()) && t.protection().state() == Protection.State.OFF) busy.add(t.arn());
            } else if (t.protection().state() == Protection.State.ON && !releasing.contains(t.arn())
                    && view.holder().apply(t).aGuardMayRelease()) {
                idle.add(t);
            }
        }
        if (busy.isEmpty() || idle.isEmpty()) return new Room(List.of(), List.of());
        Instant never = Instant.MAX;
        idle.sort(Comparator.<TaskSnapshot, Boolean>comparing(t -> t.taskDefinitionArn().equals(service.taskDefinitionArn()))
                .thenComparing(t -> idleSince.getOrDefault(t.arn(), never)));
        List<String> release = new ArrayList<>();
        for (int i = 0; i < Math.min(busy.size(), idle.size()); i++) release.add(idle.get(i).arn());
        return new Room(release, busy);
    }

    /**
     * The idle tasks ECS is waiting for: every idle task of an old revision while a deployment runs, and as many others
     * as the tasks a scale-in may stop run above the desired count — idle tasks already unprotected first (leaving them
     * open exposes nothing new), then the longest-idle of those a guard may release.
     *
     * @param open   idle tasks nothing protects
     * @param wanted the running tasks a scale-in may stop (the primary deployment's while a deployment runs)
     */
    private static List<String> waitedFor(ServiceSnapshot service, List<TaskSnapshot> releasable, List<TaskSnapshot> open,
                                          Map<String, Instant> idleSince, int wanted) {
        boolean deploying = service.deploying();
        List<String> out = new ArrayList<>();
        List<TaskSnapshot> restOpen = new ArrayList<>();
        List<TaskSnapshot> rest = new ArrayList<>();
        for (TaskSnapshot t : open) {
            if (deploying && !t.taskDefinitionArn().equals(service.taskDefinitionArn())) out.add(t.arn());
            else restOpen.add(t);
        }
        for (TaskSnapshot t : releasable) {
            if (deploying && !t.taskDefinitionArn().equals(service.taskDefinitionArn())) out.add(t.arn());
            else rest.add(t);
        }
        int surplus = Math.max(0, wanted - service.desiredCount());
        restOpen.sort(Comparator.comparing(t -> idleSince.get(t.arn())));
        rest.sort(Comparator.comparing(t -> idleSince.get(t.arn())));
        for (TaskSnapshot t : restOpen) {
            if (surplus == 0) break;
            out.add(t.arn());
            surplus--;
        }
        for (TaskSnapshot t : rest) {
            if (surplus == 0) break;
            out.add(t.arn());
            surplus--;
        }
        return out;
    }
}

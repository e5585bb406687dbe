package io.drainboard.drain;

import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs guard mode for the services an operator switched it on for, once per fleet snapshot. Stopping
 * the guard sends nothing: the leases it granted simply expire (docs/drain.md, Guard mode), so a console that dies
 * leaves nothing protected forever.
 */
public final class ServiceGuard implements FleetListener {
    /**
     * What the guard did last for a service, for the UI.
     *
     * @param sending what this run sent that has not answered yet (guard mode runs on the engine thread)
     * @param held    held off the service while another engine (a safe scale-in) owns its protection: it does nothing
     *                there until that engine ends
     */
    public record Status(String serviceKey, boolean enabled, Instant lastRun, int protectedNow, int released,
                         Optional<String> lastError, Optional<String> sending, boolean held) {
        public Status(String serviceKey, boolean enabled, Instant lastRun, int protectedNow, int released,
                      Optional<String> lastError, Optional<String> sending) {
            this(serviceKey, enabled, lastRun, protectedNow, released, lastError, sending, false);
        }

        public Status(String serviceKey, boolean enabled, Instant lastRun, int protectedNow, int released,
                      Optional<String> lastError) {
            this(serviceKey, enabled, lastRun, protectedNow, released, lastError, Optional.empty());
        }
    }

    private record Guarded(GuardPolicy policy, Map<String, Instant> idleSince) {
    }

    private final ProtectionActions actions;
    private final Optional<ChosenScaleIns> chosen;
    private final Map<String, Guarded> guarded = new ConcurrentHashMap<>();
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
    /** What the last run did to which task, per service: for "what is happening to this task". */
    private final Map<String, List<TaskActivity>> acted = new ConcurrentHashMap<>();

    public ServiceGuard(ProtectionActions actions) {
        this(actions, Optional.empty());
    }

    /** @param chosen the scale-in of chosen tasks, run after each protection pass on a good reading */
    public ServiceGuard(ProtectionActions actions, Optional<ChosenScaleIns> chosen) {
        this.actions = actions;
        this.chosen = chosen;
    }

    public void enable(String serviceKey, GuardPolicy.Settings settings) {
        guarded.put(serviceKey, new Guarded(new GuardPolicy(settings), new ConcurrentHashMap<>()));
        status.put(serviceKey, new Status(serviceKey, true, null, 0, 0, Optional.empty(), Optional.empty(),
                held.contains(serviceKey)));
    }

    public void disable(String serviceKey) {
        guarded.remove(serviceKey);
        acted.remove(serviceKey);
        status.computeIfPresent(serviceKey, (k, s) -> new Status(k, false, s.lastRun(), s.protectedNow(), s.released(),
                Optional.empty()));
    }

    /**
     * Holds the guard off a service (it keeps its settings) while another engine owns its protection; its status says
     * so until the hold ends (its next run then writes a fresh one).
     */
    public void hold(String serviceKey, boolean hold) {
        forgetIdleTimes(serviceKey);
        if (hold) held.add(serviceKey);
        else held.remove(serviceKey);
        status.computeIfPresent(serviceKey, (k, st) -> new Status(k, st.enabled(), st.lastRun(), st.protectedNow(),
                st.released(), st.lastError(), st.sending(), hold));
    }

    /**
     * Forgets since when each task of a service has been idle: while guard mode is held off or stands by it does not
     * watch the tasks, and one busy in between must get its whole idle hysteresis again before a release.
     */
    private void forgetIdleTimes(String serviceKey) {
        Optional.ofNullable(guarded.get(serviceKey)).ifPresent(g -> g.idleSince().clear());
    }

    public boolean enabled(String serviceKey) {
        return guarded.containsKey(serviceKey);
    }

    public Optional<Status> status(String serviceKey) {
        return Optional.ofNullable(status.get(serviceKey));
    }

    @Override
    public void snapshot(FleetSnapshot snapshot) {
        if (snapshot.partial()) return; // a task missing from it may be running: never decide on part of the fleet
        // A cluster whose read failed comes with the services of the last good read, each with no error of its own.
        Set<String> unread = new HashSet<>();
        snapshot.clusters().stream().filter(c -> c.error().isPresent())
                .forEach(c -> c.services().forEach(s -> unread.add(s.arn())));
        for (var e : guarded.entrySet()) {
            if (held.contains(e.getKey())) continue;
            List<ServiceSnapshot> svc = snapshot.services().filter(s -> s.key().equals(e.getKey())).toList();
            Optional<GuardLease> lease = svc.size() == 1 ? GuardLease.of(svc.get(0).tags()) : Optional.empty();
            if (lease.isPresent() && lease.get().live(snapshot.takenAt())) {
                // The headless guard service leads this service: two guards would double every renewal and
                // could release what the other just protected, so guard mode stands by until its lease lapses.
                acted.remove(e.getKey());
                forgetIdleTimes(e.getKey());
                status.computeIfPresent(e.getKey(), (k, st) -> new Status(k, true, st.lastRun(), st.protectedNow(), 0,
                        Optional.of("the guard service " + lease.get().describe(snapshot.takenAt())
                                + " leads this service; guard mode stands by")));
            } else if (svc.size() == 1) {
                run(svc.get(0), e.getValue(), snapshot.takenAt(), !unread.contains(svc.get(0).arn()));
            } else if (svc.size() > 1) {
                // The same names in several regions: acting on either could be the wrong one, so neither.
                status.computeIfPresent(e.getKey(), (k, st) -> new Status(k, true, st.lastRun(), st.protectedNow(), 0,
                        Optional.of(k + " runs in " + svc.size() + " regions; guard mode does nothing until one is chosen")));
            }
        }
    }

    /**
     * @param clusterRead whether this refresh read the service's cluster: when it did not, the reading is the last good
     *                    one, on which a task idle then may have calls now, so nothing is released on it
     */
    private void run(ServiceSnapshot s, Guarded g, Instant now, boolean clusterRead) {
        boolean self = ProtectionHolder.selfProtecting(s);
        GuardPolicy.View view = new GuardPolicy.View(t -> ProtectionHolder.of(t, self, actions.grants(), now), self,
                clusterRead && s.error().isEmpty());
        GuardPolicy.Decision d = g.policy().decide(s, g.idleSince(), now, view);
        g.idleSince().clear();
        g.idleSince().putAll(d.idleSince());
        String error = null;
        List<String> room = List.of();
        int minutes = (int) g.policy().settings().lease().toMinutes();
        if (!d.release().isEmpty() || !d.protect().isEmpty()) {
            status.computeIfPresent(s.key(), (k, st) -> new Status(k, st.enabled(), st.lastRun(), st.protectedNow(),
                    st.released(), st.lastError(), Optional.of("UpdateTaskProtection: releasing " + d.release().size()
                    + ", protecting " + d.protect().size())));
        }
        try {
            // Release first: fewer protected tasks lets the renewals through (DEPLOYMENT_BLOCKED otherwise).
            List<TaskProtectionGateway.Outcome> r = actions.release(s.clusterName(), d.release(),
                    "guard mode: idle task released for the scale-in or deployment ECS is waiting to do");
            List<TaskProtectionGateway.Outcome> p = actions.protect(s.clusterName(), d.protect(), minutes,
                    "guard mode: tasks stay protected while they may get calls");
            // Regranting releases for a moment: only on a reading that says ECS waits to stop nothing now.
            if (view.mayRelease()) p = Renewal.regrantRefused(actions, s, p, minutes, "guard mode");
            // A busy task refused at the limit gets the slot of an idle task the guard holds.
            GuardRoom.Made made = GuardRoom.forBusy(g.policy(), actions, s, p, d.idleSince(), d.release(), view, minutes,
                    "guard mode");
            p = made.protections();
            room = made.released();
            error = p.stream().filter(o -> !o.ok()).map(TaskProtectionGateway.Outcome::message).findFirst()
                    .or(() -> r.stream().filter(o -> !o.ok()).map(TaskProtectionGateway.Outcome::message).findFirst())
                    .orElse(null);
        } catch (RuntimeException ex) {
            error = ex.getMessage();
        }
        // ECS waits on protected busy tasks that LiveKit keeps busy: choose the surplus, cordon it, release it once idle.
        ChosenScaleIns.Pass scaled = chosen.filter(c -> view.mayRelease()).map(c -> c.pass(s, now, "guard mode",
                view.holder())).orElse(null);
        if (error == null && scaled != null && !scaled.failed().isEmpty()) error = "scale-in of chosen tasks: " + scaled.failed().get(0);
        int protectedNow = (int) s.tasks().stream().filter(t -> t.protection().state() == io.drainboard.fleet.Protection.State.ON)
                .count() + (int) d.protect().stream().filter(a -> s.tasks().stream().anyMatch(t -> t.arn().equals(a)
                && t.protection().state() != io.drainboard.fleet.Protection.State.ON)).count() - d.release().size() - room.size();
        status.put(s.key(), new Status(s.key(), true, now, protectedNow, d.release().size() + room.size(),
                Optional.ofNullable(error)));
        List<TaskActivity> did = new java.util.ArrayList<>();
        String owner = "guard mode of " + s.key();
        for (String arn : d.protect()) {
            did.add(new TaskActivity(arn, TaskActivity.Source.GUARD, owner, Optional.empty(),
                    "guard mode keeps it protected while it may get calls"));
        }
        for (String arn : d.release()) {
            did.add(new TaskActivity(arn, TaskActivity.Source.GUARD, owner, Optional.empty(),
                    "guard mode released it: idle, for the scale-in or deployment ECS is waiting to do"));
        }
        for (String arn : room) {
            did.add(new TaskActivity(arn, TaskActivity.Source.GUARD, owner, Optional.empty(),
                    "guard mode released it: idle, to make room for a busy task ECS refused to protect at its limit"));
        }
        if (scaled != null) {
            for (String arn : scaled.cordoned()) {
                did.add(new TaskActivity(arn, TaskActivity.Source.GUARD, owner, Optional.empty(),
                        "guard mode cordoned it: chosen for the scale-in ECS is waiting to do; released for it once idle"));
            }
            for (String arn : scaled.released()) {
                did.add(new TaskActivity(arn, TaskActivity.Source.GUARD, owner, Optional.empty(),
                        "guard mode released it: chosen for the scale-in ECS is waiting to do, cordoned and idle"));
            }
        }
        acted.put(s.key(), List.copyOf(did));
    }

    /** What guard mode did to which task on its last run, every guarded service. */
    public List<TaskActivity> activities() {
        List<TaskActivity> out = new java.util.ArrayList<>();
        acted.values().forEach(out::addAll);
        return out;
    }
}

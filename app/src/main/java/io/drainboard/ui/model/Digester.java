package io.drainboard.ui.model;

import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.fleet.FleetDiff;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.ui.model.ActivityFeed;
import io.drainboard.ui.model.CallsHistory;
import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.model.RowUpdate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns each snapshot into a {@link Digest} on the refresher's thread, and keeps the calls history.
 * Only rows that changed are passed on (the read path's {@link FleetDiff}, plus every task of a service
 * whose deployments or calls scale changed), and the heavy per-task work (readiness sums, kill outlooks)
 * happens here, so an FX pulse at 10,000 tasks only writes a few properties.
 */
public final class Digester {
    private final Map<String, Integer> busiest = new HashMap<>();
    private final Map<Profile.CallPrior, CallSurvival> curves = new ConcurrentHashMap<>();
    private final CallsHistory history;
    private final Function<ServiceSnapshot, Profile.ServicePolicy> policy;
    private final java.util.function.Supplier<io.drainboard.drain.ProtectionGrants> ours;
    private final java.util.function.Predicate<String> shows;
    private FleetSnapshot previous;

    public Digester(CallsHistory history, Function<ServiceSnapshot, Profile.ServicePolicy> policy) {
        this(history, policy, io.drainboard.drain.ProtectionGrants::new);
    }

    /** @param ours what this console protected, to tell its protections from the worker's, a guard's or anyone's */
    public Digester(CallsHistory history, Function<ServiceSnapshot, Profile.ServicePolicy> policy,
             java.util.function.Supplier<io.drainboard.drain.ProtectionGrants> ours) {
        this(history, policy, ours, name -> true);
    }

    /** @param shows the services the window shows, by name (the profile's serviceFilter); the others are left out */
    public Digester(CallsHistory history, Function<ServiceSnapshot, Profile.ServicePolicy> policy,
                    java.util.function.Supplier<io.drainboard.drain.ProtectionGrants> ours,
                    java.util.function.Predicate<String> shows) {
        this.history = history;
        this.policy = policy;
        this.ours = ours;
        this.shows = shows;
    }

    /** The call-length curve in force for a service (the profile's prior, docs/drain.md, Risk model). */
    public CallSurvival curve(ServiceSnapshot svc) {
        Profile.CallPrior p = policy.apply(svc).callLength();
        return curves.computeIfAbsent(p, k -> LognormalSurvival.ofMedianAndP99(k.median().toSeconds(), k.p99().toSeconds()));
    }

    public synchronized Digest digest(FleetSnapshot read) {
        FleetSnapshot s = io.drainboard.fleet.ShownServices.of(read, shows);
        Map<String, List<Instant>> starts = new HashMap<>();
        s.tasks().forEach(t -> starts.put(t.arn(), t.calls().calls().stream().map(c -> c.startedAt()).toList()));
        Map<String, List<Readiness.Warning>> readiness = new HashMap<>();
        Map<String, Integer> calls = new HashMap<>();
        s.services().forEach(svc -> {
            calls.put(svc.arn(), svc.calls());
            List<Readiness.Warning> ws = new ArrayList<>(Readiness.of(svc, starts, s.calls().ok(),
                    new Readiness.CallLength(p99(svc), curve(svc)), s.takenAt()));
            CordonCheck.warning(policy.apply(svc).cordon().method(), svc).ifPresent(w -> {
                int at = 0;
                while (at < ws.size() && ws.get(at).level().compareTo(w.level()) > 0) at++;
                ws.add(at, w); // in its place by level: the list stays worst first
            });
            readiness.put(svc.arn(), List.copyOf(ws));
        });
        // Part of a first read: rows and warnings of what is read so far, but no history, no activity and no
        // "previous": the whole snapshot that follows is digested as the first.
        boolean partial = s.partial();
        if (!partial) record(s);
        boolean all = partial || previous == null || s.diff().fromSequence() != previous.sequence();
        List<RowUpdate> rows = new ArrayList<>();
        Set<String> removed = new HashSet<>(all ? Set.of() : s.diff().removedTasks());
        Set<String> wholeService = wholeServices(s, all);
        io.drainboard.drain.ProtectionGrants mine = ours.get();
        Set<String> changed = new HashSet<>();
        if (!all) {
            s.diff().addedTasks().forEach(t -> changed.add(t.arn()));
            s.diff().changedTasks().forEach(t -> changed.add(t.arn()));
        }
        s.services().forEach(svc -> {
            boolean every = all || wholeService.contains(svc.arn());
            int peak = busiest.getOrDefault(svc.arn(), 1);
            boolean self = io.drainboard.drain.ProtectionHolder.selfProtecting(svc);
            for (TaskSnapshot t : svc.tasks()) {
                if (every || changed.contains(t.arn())) rows.add(RowUpdate.of(t, svc, peak, curve(svc),
                        io.drainboard.drain.ProtectionHolder.of(t, self, mine, s.takenAt())));
            }
        });
        if (partial) return new Digest(s, rows, removed, true, readiness, calls, List.of());
        Digest d = new Digest(s, rows, removed, all, readiness, calls, ActivityFeed.between(previous, s));
        previous = s;
        return d;
    }

    /** Services whose every row must be redrawn: deployments changed (old/new revision) or the calls bar's scale grew. */
    private Set<String> wholeServices(FleetSnapshot s, boolean all) {
        Set<String> out = new HashSet<>();
        s.services().forEach(svc -> {
            int most = svc.tasks().stream().mapToInt(t -> t.calls().known() ? t.calls().count() : 0).max().orElse(0);
            Integer before = busiest.get(svc.arn());
            if (before == null || most > before) {
                busiest.put(svc.arn(), Math.max(1, most));
                out.add(svc.arn());
            }
        });
        if (!all) {
            s.diff().addedServices().forEach(svc -> out.add(svc.arn()));
            s.diff().changedServices().forEach(svc -> out.add(svc.arn()));
        }
        return out;
    }

    private Duration p99(ServiceSnapshot svc) {
        return policy.apply(svc).callLength().p99();
    }

    private void record(FleetSnapshot s) {
        Set<String> live = new HashSet<>();
        for (ServiceSnapshot svc : (Iterable<ServiceSnapshot>) s.services()::iterator) {
            String key = CallsHistory.serviceKey(svc.arn());
            live.add(key);
            if (s.calls().ok()) history.record(key, s.takenAt(), svc.calls());
            for (TaskSnapshot t : svc.tasks()) {
                String tk = CallsHistory.taskKey(t.arn());
                live.add(tk);
                if (t.calls().known()) history.record(tk, s.takenAt(), t.calls().count());
            }
        }
        history.retain(live);
    }
}

package io.drainboard.drain;

import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs safe scale-ins ({@link ScaleIn}), at most one per service, one step per fleet snapshot. Guard mode
 * is held off a service while it scales in: the guard releases idle tasks when the service runs more than
 * desired, and would hand ECS tasks other than the chosen ones.
 */
public final class ScaleIns implements FleetListener {
    private final ProtectionActions protection;
    private final DrainEffects effects;
    private final DrainEffects stepEffects;
    private final ServiceScaling scaling;
    private final DrainRules rules;
    private final ServiceGuard guard;
    private final Map<String, ScaleIn> byService = new LinkedHashMap<>();
    /** Each scale-in's status as of its last start, step or command: read without the lock a step holds. */
    private final Map<String, ScaleInStatus> published = new java.util.concurrent.ConcurrentHashMap<>();

    public ScaleIns(ProtectionActions protection, DrainEffects effects, ServiceScaling scaling, CutRisk risk,
                    ServiceGuard guard) {
        this(protection, effects, effects, scaling, DrainRules.fixed(risk, 1), guard);
    }

    /**
     * @param effects     what a scale-in's start sends with (answered at once: it protects every task before it
     *                    lowers the desired count)
     * @param stepEffects what its drains send with on later steps (may answer later, {@link AsyncDrainEffects})
     * @param rules       each service's call-length model (which tasks go idle soonest, how its drains forecast)
     */
    public ScaleIns(ProtectionActions protection, DrainEffects effects, DrainEffects stepEffects, ServiceScaling scaling,
                    DrainRules rules, ServiceGuard guard) {
        this.protection = protection;
        this.effects = effects;
        this.stepEffects = stepEffects;
        this.scaling = scaling;
        this.rules = rules;
        this.guard = guard;
    }

    /**
     * Starts removing {@code count} tasks from the service as it is in {@code svc}.
     *
     * @throws IllegalStateException when it cannot start safely (another scale-in, a deployment, not steady)
     */
    public synchronized ScaleInStatus start(ServiceSnapshot svc, int count, String reason, DrainPlan plan, Instant now) {
        ScaleIn running = byService.get(svc.key());
        if (running != null && !running.status().phase().finished()) {
            throw new IllegalStateException("a scale-in of " + svc.name() + " is already under way");
        }
        guard.hold(svc.key(), true);
        try {
            ScaleIn s = ScaleIn.start(svc, count, reason, plan, rules.risk(svc.clusterName(), svc.name()), protection, effects,
                    scaling, guard.enabled(svc.key()), now);
            byService.put(svc.key(), s);
            ScaleInStatus st = publish(svc.key(), s);
            if (st.phase().finished()) guard.hold(svc.key(), false);
            return st;
        } catch (RuntimeException e) {
            guard.hold(svc.key(), false);
            throw e;
        }
    }

    /** As of its last step: never waits for a step that is sending. */
    public Optional<ScaleInStatus> status(String cluster, String service) {
        return Optional.ofNullable(published.get(cluster + "/" + service));
    }

    public List<ScaleInStatus> statuses() {
        return List.copyOf(published.values());
    }

    private ScaleInStatus publish(String key, ScaleIn s) {
        ScaleInStatus st = s.status();
        published.put(key, st);
        return st;
    }

    /** Stops the scale-in: tasks not cordoned yet stay (the desired count is given back), cordoned ones finish. */
    public synchronized Optional<ScaleInStatus> abort(String cluster, String service) {
        ScaleIn s = byService.get(cluster + "/" + service);
        if (s != null) s.abort();
        return Optional.ofNullable(s).map(x -> publish(cluster + "/" + service, x));
    }

    /** Drains held by a cordon alarm go on; each such task is stopped only once it has no call. */
    public synchronized Optional<ScaleInStatus> resume(String cluster, String service, Instant now) {
        ScaleIn s = byService.get(cluster + "/" + service);
        if (s != null) s.resume(now);
        return Optional.ofNullable(s).map(x -> publish(cluster + "/" + service, x));
    }

    @Override
    public synchronized void snapshot(FleetSnapshot snapshot) {
        if (snapshot.partial()) return; // a task missing from it may be running: never decide on part of the fleet
        for (var e : byService.entrySet()) {
            ScaleIn s = e.getValue();
            if (s.status().phase().finished()) continue;
            ScaleInStatus st = s.status();
            snapshot.service(st.cluster(), st.service(), s.serviceArn()).ifPresent(svc -> {
                s.step(svc, snapshot.takenAt(), guard.enabled(e.getKey()), stepEffects);
                if (publish(e.getKey(), s).phase().finished()) guard.hold(e.getKey(), false);
            });
        }
    }
}

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
    private final ServiceScaling scaling;
    private final DrainRules rules;
    private final ServiceGuard guard;
    private final Map<String, ScaleIn> byService = new LinkedHashMap<>();

    public ScaleIns(ProtectionActions protection, DrainEffects effects, ServiceScaling scaling, CutRisk risk,
                    ServiceGuard guard) {
        this(protection, effects, scaling, DrainRules.fixed(risk, 1), guard);
    }

    /** @param rules each service's call-length model (which tasks go idle soonest, how its drains forecast) */
    public ScaleIns(ProtectionActions protection, DrainEffects effects, ServiceScaling scaling, DrainRules rules,
                    ServiceGuard guard) {
        this.protection = protection;
        this.effects = effects;
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
                    scaling, now);
            byService.put(svc.key(), s);
            ScaleInStatus st = s.status();
            if (st.phase().finished()) guard.hold(svc.key(), false);
            return st;
        } catch (RuntimeException e) {
            guard.hold(svc.key(), false);
            throw e;
        }
    }

    public synchronized Optional<ScaleInStatus> status(String cluster, String service) {
        return Optional.ofNullable(byService.get(cluster + "/" + service)).map(ScaleIn::status);
    }

    public synchronized List<ScaleInStatus> statuses() {
        return byService.values().stream().map(ScaleIn::status).toList();
    }

    /** Stops the scale-in: tasks not cordoned yet stay (the desired count is given back), cordoned ones finish. */
    public synchronized Optional<ScaleInStatus> abort(String cluster, String service) {
        ScaleIn s = byService.get(cluster + "/" + service);
        if (s != null) s.abort();
        return Optional.ofNullable(s).map(ScaleIn::status);
    }

    /** Drains held by a cordon alarm go on; each such task is stopped only once it has no call. */
    public synchronized Optional<ScaleInStatus> resume(String cluster, String service, Instant now) {
        ScaleIn s = byService.get(cluster + "/" + service);
        if (s != null) s.resume(now);
        return Optional.ofNullable(s).map(ScaleIn::status);
    }

    @Override
    public synchronized void snapshot(FleetSnapshot snapshot) {
        for (var e : byService.entrySet()) {
            ScaleIn s = e.getValue();
            if (s.status().phase().finished()) continue;
            ScaleInStatus st = s.status();
            snapshot.service(st.cluster(), st.service(), s.serviceArn()).ifPresent(svc -> {
                s.step(svc, snapshot.takenAt(), guard.enabled(e.getKey()));
                if (s.status().phase().finished()) guard.hold(e.getKey(), false);
            });
        }
    }
}

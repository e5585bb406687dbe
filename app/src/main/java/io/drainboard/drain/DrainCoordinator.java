package io.drainboard.drain;

import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every drain, one step per fleet snapshot, and enforces each service's drain budget: at most N tasks of
 * a service drain at once (the rest queue), so capacity never drops by more than the operator allowed.
 */
public final class DrainCoordinator implements FleetListener {
    private final DrainEffects effects;
    private final DrainRules rules;
    private final Map<String, TaskDrain> drains = new LinkedHashMap<>();
    /** Who asked for each drain: the operator, or an instance drain. */
    private final Map<String, TaskActivity.Source> startedBy = new LinkedHashMap<>();
    private final List<TaskDrain> queued = new ArrayList<>();

    public DrainCoordinator(DrainEffects effects, CutRisk risk, int budgetPerService) {
        this(effects, DrainRules.fixed(risk, budgetPerService));
    }

    /** @param rules each service's call-length model and drain budget */
    public DrainCoordinator(DrainEffects effects, DrainRules rules) {
        this.effects = effects;
        this.rules = rules;
    }

    /** Starts (or queues, beyond the budget) a drain; a task already draining is not drained twice. */
    public synchronized DrainStatus drain(String cluster, String service, String taskArn, DrainPlan plan, Instant now) {
        return drain(cluster, service, taskArn, plan, now, TaskActivity.Source.OPERATOR);
    }

    /** As above, for {@code source} (the operator, or an instance drain). */
    public synchronized DrainStatus drain(String cluster, String service, String taskArn, DrainPlan plan, Instant now,
                                          TaskActivity.Source source) {
        TaskDrain existing = drains.get(taskArn);
        if (existing != null && !existing.phase().finished()) return existing.status();
        TaskDrain d = new TaskDrain(cluster, service, taskArn, plan, rules.risk(cluster, service), now);
        drains.put(taskArn, d);
        startedBy.put(taskArn, source);
        queued.add(d);
        return d.status();
    }

    public synchronized Optional<TaskDrain> drainOf(String taskArn) {
        return Optional.ofNullable(drains.get(taskArn));
    }

    /** Task ARNs of drains waiting for room in their service's budget. */
    public synchronized List<String> queued() {
        return queued.stream().map(d -> d.status().taskArn()).toList();
    }

    public synchronized List<DrainStatus> statuses() {
        return drains.values().stream().map(TaskDrain::status).toList();
    }

    /** Every drain as what is happening to its task, with who asked for it. */
    public synchronized List<TaskActivity> activities() {
        List<TaskActivity> out = new ArrayList<>();
        drains.forEach((arn, d) -> {
            TaskActivity.Source source = startedBy.getOrDefault(arn, TaskActivity.Source.OPERATOR);
            DrainStatus st = d.status();
            out.add(TaskActivity.drain(source, source == TaskActivity.Source.OPERATOR ? "this console's drain"
                    : "the drain of its instance", st));
        });
        return out;
    }

    /** Drains under way (not queued, not finished) for a service. */
    public synchronized long active(String cluster, String service) {
        return drains.values().stream().filter(d -> !queued.contains(d) && !d.phase().finished())
                .map(TaskDrain::status).filter(s -> s.cluster().equals(cluster) && s.service().equals(service)).count();
    }

    @Override
    public synchronized void snapshot(FleetSnapshot s) {
        if (s.partial()) return; // a task missing from it may be running: never decide on part of the fleet
        for (TaskDrain q : new ArrayList<>(queued)) {
            DrainStatus st = q.status();
            if (q.phase().finished()) {
                queued.remove(q);
            } else if (active(st.cluster(), st.service()) < Math.max(1, rules.budget(st.cluster(), st.service()))) {
                queued.remove(q);
            }
        }
        for (TaskDrain d : drains.values()) {
            if (queued.contains(d) || d.phase().finished()) continue;
            DrainStatus st = d.status();
            Optional<ServiceSnapshot> svc = s.service(st.cluster(), st.service(), st.taskArn());
            svc.ifPresent(service -> d.step(service, s.takenAt(), effects));
        }
    }
}

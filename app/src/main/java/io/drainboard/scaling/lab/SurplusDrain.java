package io.drainboard.scaling.lab;

import io.drainboard.drain.CutRisk;
import io.drainboard.drain.PendingScaleIn;
import io.drainboard.sim.model.CallState;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's pass over a pending scale-in ({@link PendingScaleIn}) as the replay runs it on the simulator's ground
 * truth, applied as the console applies it: the worker's lean and drain routes (docs/worker-snippets.md), then
 * StopTask. One per replayed service; call {@link #pass} under the fleet's lock every {@link #PASS}.
 */
final class SurplusDrain {
    /** How often the pass runs in the replay (the console's refresh is shorter; this is the cautious side). */
    static final Duration PASS = Duration.ofSeconds(30);
    /** A lean lapses on its own this long after the last pass renewed it. */
    static final Duration LEAN = Duration.ofMinutes(10);

    private final ServiceState service;
    private final PendingScaleIn.Need need;
    private final CutRisk risk;
    private final ArrayDeque<Integer> recentCalls = new ArrayDeque<>();
    private Map<String, PendingScaleIn.Hold> held = new HashMap<>();
    private int stopped;

    SurplusDrain(ServiceState service, PendingScaleIn.Need need, CutRisk risk) {
        this.service = service;
        this.need = need;
        this.risk = risk;
    }

    /** Tasks this drain stopped so far. */
    int stopped() {
        return stopped;
    }

    /** One pass; a worker still warming up is left out (its routes do not answer yet). Returns null (for FleetModel.read). */
    Void pass(FleetModel x) {
        Instant now = x.now();
        int running = 0, calls = 0;
        for (TaskState t : service.taskView()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) continue;
            running++;
            if (t.worker() == WorkerState.SERVING || t.worker() == WorkerState.CORDONED) calls += t.calls().size();
        }
        recentCalls.addLast(calls);
        while (recentCalls.size() > PendingScaleIn.Need.WINDOW.toSeconds() / PASS.toSeconds()) recentCalls.removeFirst();
        int peak = recentCalls.stream().mapToInt(Integer::intValue).max().orElse(0);
        // No surplus and nothing held: the decision would be empty, so skip its forecasts (most passes of a day).
        if (held.isEmpty() && PendingScaleIn.surplus(service.desiredCount(), running, calls, peak, need) == 0) return null;
        Map<String, TaskState> byArn = new HashMap<>();
        List<PendingScaleIn.Task> tasks = new ArrayList<>();
        for (TaskState t : service.taskView()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) continue;
            if (t.worker() != WorkerState.SERVING && t.worker() != WorkerState.CORDONED) continue;
            byArn.put(t.arn(), t);
            List<Double> ages = new ArrayList<>();
            for (CallState c : t.calls().values()) ages.add(Duration.between(c.startedAt(), now).toMillis() / 1000.0);
            tasks.add(new PendingScaleIn.Task(t.arn(), ages.size(), ages.isEmpty() ? 0 : risk.forecast(ages).median()));
        }
        PendingScaleIn.Decision d = PendingScaleIn.decide(service.desiredCount(), running, tasks, held, need, peak,
                service.worker().leanRoute(), service.deployments().size() > 1);
        Map<String, PendingScaleIn.Hold> next = new HashMap<>(d.held());
        for (String arn : d.lean()) x.leanWorker(byArn.get(arn), LEAN);
        for (String arn : d.endLean()) x.leanWorker(byArn.get(arn), Duration.ZERO);
        for (String arn : d.cordon()) if (!x.cordonWorker(byArn.get(arn))) next.remove(arn);
        for (String arn : d.stop()) {
            x.stopTask(byArn.get(arn), "Drainboard: idle surplus task of a pending scale-in");
            stopped++;
        }
        held = next;
        return null;
    }
}

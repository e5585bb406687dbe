package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls: Poisson arrivals per service (optionally shaped by a daily curve, by thinning), LiveKit-style
 * dispatch, and the ledgers of what became of each call. Guarded by the {@link FleetModel} lock.
 */
final class CallTraffic {
    private final FleetModel m;
    private final Map<ServiceState, Long> arrivalGeneration = new HashMap<>();
    final CallLedger total = new CallLedger();
    long unserved;

    CallTraffic(FleetModel m) {
        this.m = m;
    }

    /** A new rate (or curve) replaces the pending arrival. */
    void setArrivalRate(ServiceState s, double perSecond, double[] dailyCurve) {
        s.arrivalRatePerSecond = perSecond;
        s.dailyCurve = dailyCurve == null ? null : dailyCurve.clone();
        long gen = arrivalGeneration.merge(s, 1L, Long::sum);
        scheduleArrival(s, gen);
    }

    private void scheduleArrival(ServiceState s, long gen) {
        double peak = s.arrivalRatePerSecond * peak(s.dailyCurve);
        if (peak <= 0) return;
        double gapSeconds = -Math.log(1 - m.rng().nextDouble()) / peak;
        m.schedule(m.now().plusNanos((long) (gapSeconds * 1e9)), () -> {
            if (arrivalGeneration.get(s) != gen) return;
            // Thinning (Lewis–Shedler): accept with rate(t)/peak to get a time-varying Poisson process.
            if (s.dailyCurve == null || m.rng().nextDouble() * peak(s.dailyCurve) < hourFactor(s.dailyCurve, m.now())) {
                dispatch(s);
            }
            scheduleArrival(s, gen);
        });
    }

    private static double peak(double[] curve) {
        if (curve == null) return 1;
        double max = 0;
        for (double v : curve) max = Math.max(max, v);
        return max;
    }

    private static double hourFactor(double[] curve, Instant t) {
        return curve[t.atOffset(ZoneOffset.UTC).getHour() % curve.length];
    }

    /**
     * LiveKit dispatch: a random available worker, weighted by max(0, 1 − load) (docs/livekit-facts.md#dispatch;
     * livekit/livekit pkg/service/agentservice.go selectWorkerWeightedByLoad: workers at full load or
     * not WS_AVAILABLE are not eligible). The load is what the worker reports, so a leaned worker's raised
     * floor weighs it down (docs/livekit-facts.md#dispatch). No worker free → the call is not served.
     */
    private void dispatch(ServiceState s) {
        TaskState chosen = pick(s);
        if (chosen == null) {
            unserved++;
            return;
        }
        start(chosen, m.now(), s.durations.sample(m.rng()));
    }

    /** The worker LiveKit would give a new job now, or null when none is available. */
    private TaskState pick(ServiceState s) {
        List<TaskState> candidates = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (TaskState t : s.tasks.values()) {
            if (t.acceptsCalls()) {
                double w = Math.max(0, 1 - t.reportedLoad(m.now()));
                candidates.add(t);
                weights.add(w);
                total += w;
            }
        }
        if (candidates.isEmpty() || total <= 0) return null;
        double pick = m.rng().nextDouble() * total;
        TaskState chosen = candidates.get(candidates.size() - 1);
        for (int i = 0; i < candidates.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                chosen = candidates.get(i);
                break;
            }
        }
        return chosen;
    }

    /**
     * One call offered to the service now: dispatched like any other; when no worker is free the caller
     * waits and the dispatch is tried again every second until {@code patience} has passed, then it is
     * refused (counted as unserved).
     */
    void offer(ServiceState s, Duration length, Duration patience) {
        s.offers.offered();
        tryOffer(s, length, m.now(), m.now().plus(patience));
    }

    private void tryOffer(ServiceState s, Duration length, Instant offeredAt, Instant giveUpAt) {
        TaskState t = pick(s);
        boolean first = offeredAt.equals(m.now());
        if (t != null) {
            start(t, m.now(), length);
            s.offers.served((int) Duration.between(offeredAt, m.now()).toSeconds(), !first);
            return;
        }
        if (first) s.offers.waits();
        Instant retry = m.now().plusSeconds(1);
        if (retry.isAfter(giveUpAt)) {
            s.offers.refused();
            unserved++;
            return;
        }
        m.schedule(retry, () -> tryOffer(s, length, offeredAt, giveUpAt));
    }

    CallState start(TaskState task, Instant startedAt, Duration length) {
        String room = "call-" + m.hex(12);
        CallState call = new CallState(room, "RM_" + m.base62(12), "PA_" + m.base62(12), "agent-AJ_" + m.base62(12),
                task, startedAt, startedAt.plus(length));
        task.calls.put(room, call);
        m.callsByRoom().put(room, call);
        task.ledger.started++;
        if (task.service != null) task.service.ledger.started++;
        total.started++;
        m.schedule(call.endsAt(), () -> end(call));
        m.selfProtection.callStarted(task);
        return call;
    }

    /** The caller hung up. */
    private void end(CallState call) {
        if (m.callsByRoom().remove(call.roomName()) == null) return; // already cut
        TaskState t = call.task();
        t.calls.remove(call.roomName());
        t.ledger.endedNormally++;
        if (t.service != null) t.service.ledger.endedNormally++;
        total.endedNormally++;
        m.workers.callEnded(t);
    }

    /** One call ends now through LiveKit's API: cut (room deleted, agent removed) or ended (caller removed). */
    void endNow(CallState call, boolean cut) {
        if (!cut) {
            end(call);
            return;
        }
        if (m.callsByRoom().remove(call.roomName()) == null) return;
        TaskState t = call.task();
        t.calls.remove(call.roomName());
        t.ledger.cut(CutCause.ROOM_CLOSED, 1);
        if (t.service != null) t.service.ledger.cut(CutCause.ROOM_CLOSED, 1);
        total.cut(CutCause.ROOM_CLOSED, 1);
        m.workers.callEnded(t);
    }

    /** Every call on the task ends now, for {@code cause}: the callers hear the line go dead. */
    int cutCalls(TaskState t, CutCause cause) {
        int n = t.calls.size();
        if (n == 0) return 0;
        for (CallState c : t.calls.values()) m.callsByRoom().remove(c.roomName());
        t.calls.clear();
        t.ledger.cut(cause, n);
        if (t.service != null) t.service.ledger.cut(cause, n);
        total.cut(cause, n);
        return n;
    }
}

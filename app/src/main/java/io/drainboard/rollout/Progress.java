package io.drainboard.rollout;

import io.drainboard.drain.CallAges;
import io.drainboard.drain.CutRisk;
import io.drainboard.drain.IdleSoonest;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How far a rollout is and when it should end. The ETA is a range: the drains under way end between the
 * 10th and 90th percentile of their predicted idle time; each drain still to come is assumed to take what
 * the outgoing tasks would take now (their median 10th and 90th percentiles), in rounds of maxParallel (the
 * spare replacement starts while a task drains), plus a start-up and the gate while nothing drains yet.
 */
final class Progress {
    /** A Fargate task takes tens of seconds from PROVISIONING to RUNNING (image pull, ENI). */
    static final Duration START_UP = Duration.ofSeconds(45);
    /** Between a task going idle and the next cordon: one refresh (the next task is cordoned in the pass that sees it). */
    static final Duration PASS_LAG = Duration.ofSeconds(5);

    private Progress() {
    }

    static Optional<RolloutStatus.Eta> eta(RolloutContext c, DrainRunner drains) {
        if (c.view == null || c.m.ended()) return Optional.empty();
        List<TaskSnapshot> outgoing = c.view.outgoing();
        List<Double> lows = new ArrayList<>(), highs = new ArrayList<>();
        double activeLow = 0, activeHigh = 0;
        for (TaskSnapshot t : outgoing) {
            if (!t.calls().known()) continue;
            CutRisk.IdleForecast f = CallAges.forecast(t, c.now, c.risk);
            if (drains.draining(t.arn())) {
                activeLow = Math.max(activeLow, f.p10());
                activeHigh = Math.max(activeHigh, f.p90());
            } else if (!drains.everDrained(t.arn())) {
                lows.add(f.p10());
                highs.add(f.p90());
            }
        }
        long waiting = outgoing.stream().filter(t -> !drains.everDrained(t.arn())).count();
        int k = c.m.spec.settings().maxParallel();
        long rounds = (waiting + k - 1) / k;
        double step = PASS_LAG.toSeconds();
        double low = activeLow + rounds * (median(lows) + step);
        double high = activeHigh + rounds * (median(highs) + step);
        if (drains.active().isEmpty()) {
            double first = START_UP.toSeconds() + c.m.spec.settings().gate().toSeconds();
            low += first;
            high += first;
        }
        return Optional.of(new RolloutStatus.Eta(Duration.ofSeconds((long) low), Duration.ofSeconds((long) high)));
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) return 0;
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static String minutes(double seconds) {
        return IdleSoonest.minutes(seconds);
    }

    static String seconds(long s) {
        return s < 120 ? s + " s" : minutes(s);
    }

    static String duration(Duration d) {
        long m = Math.round(d.toSeconds() / 60.0);
        if (m < 1) return "<1 m";
        return m < 60 ? m + " m" : m / 60 + " h " + m % 60 + " m";
    }
}

package io.drainboard.ui.model;

import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.CutRisk;
import io.drainboard.fleet.KillClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task's way out and the calls that face it: its stop stage, the read path's kill clock (SIGKILL as
 * an exact time, or a range while the load balancer deregisters), and how many calls the SIGKILL is
 * expected to cut, from the service's call-length curve (docs/drain.md, Risk model: a call of age a outlives w more
 * seconds with probability S(a+w)/S(a)). The countdown is pessimistic: it runs to the earliest SIGKILL.
 */
public record KillOutlook(StopStage stage, Optional<KillClock> clock, int stopTimeoutSeconds,
                          List<Instant> callStarts, CallSurvival survival) {
    public static final KillOutlook NONE = new KillOutlook(StopStage.SERVING, Optional.empty(), 0, List.of(), null);

    public KillOutlook {
        callStarts = List.copyOf(callStarts);
    }

    /** Seconds until the earliest SIGKILL (0 once due); empty when no kill is coming. */
    public Optional<Double> secondsLeft(Instant now) {
        if (!stage.stopping()) return Optional.empty();
        return clock.map(k -> Math.max(0, k.remaining(now).toMillis() / 1000.0));
    }

    public Optional<Duration> left(Instant now) {
        return secondsLeft(now).map(s -> Duration.ofMillis((long) (s * 1000)));
    }

    /** Expected calls cut at the earliest SIGKILL, seen from {@code now}; 0 when no kill is scheduled. */
    public double expectedCut(Instant now) {
        Optional<Double> w = secondsLeft(now);
        if (survival == null || callStarts.isEmpty() || w.isEmpty()) return 0;
        List<Double> ages = callStarts.stream().map(s -> Math.max(0, Duration.between(s, now).toMillis() / 1000.0)).toList();
        return new CutRisk(survival).expectedCut(ages, w.get());
    }
}

package io.drainboard.rollout;

import io.drainboard.drain.DrainStatus;
import io.drainboard.stops.StopsSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rollout as the operator sees it at one refresh: where it stands, how far it is, what it is waiting
 * for and why, when it should end, and every alarm.
 *
 * @param total    tasks this direction replaces (replaced + still to go)
 * @param draining the drains under way, each with its own reason ("3 calls, oldest 14 m, predicted idle in 9–22 m")
 * @param leaned   old tasks leaned now (reporting a raised load so new calls prefer the replacements)
 * @param stops    how each task of the service that stopped during the rollout did, as observed: the outcome
 */
public record RolloutStatus(String id, String serviceKey, String fromLabel, String toLabel, Direction direction,
                            RolloutPhase phase, int total, int replaced, List<DrainStatus> draining, int leaned,
                            String waitingFor,
                            Optional<Eta> eta, List<String> alarms, Optional<String> pausedBecause,
                            Optional<String> endReason, Optional<String> lastError, Optional<LockHolder> lock,
                            Instant at, StopsSummary stops) {
    public RolloutStatus {
        draining = List.copyOf(draining);
        alarms = List.copyOf(alarms);
    }

    /** The remaining time as a range (10th–90th percentile of the drains still to come, plus start-ups). */
    public record Eta(Duration low, Duration high) {
        public String words() {
            return Progress.duration(low) + "–" + Progress.duration(high);
        }
    }

    public boolean ended() {
        return phase.ended();
    }

    /**
     * Ended, and what was observed is not clean: a task stopped with calls on it (or likely cut), or with its
     * calls unknown. A pipeline alarms on it (ExitCode.NOT_CLEAN).
     */
    public boolean notClean() {
        return ended() && !stops.clean();
    }

    /** One line for logs and the headless runner. */
    public String line() {
        StringBuilder b = new StringBuilder();
        b.append(direction == Direction.ROLLBACK ? "rollback " : "").append(phase.words()).append(" · ")
                .append(replaced).append('/').append(total).append(" replaced");
        if (!draining.isEmpty()) {
            b.append(" · draining ");
            for (int i = 0; i < draining.size(); i++) {
                DrainStatus d = draining.get(i);
                b.append(i == 0 ? "" : "; ").append(d.taskId()).append(": ").append(d.reason());
            }
        }
        if (leaned > 0) b.append(" · ").append(leaned).append(" old task(s) leaned");
        if (!waitingFor.isEmpty() && !"draining".equals(waitingFor)) b.append(" · ").append(waitingFor);
        eta.ifPresent(e -> b.append(" · ETA ").append(e.words()));
        pausedBecause.ifPresent(p -> b.append(" · PAUSED: ").append(p));
        lastError.ifPresent(e -> b.append(" · retrying: ").append(e));
        endReason.ifPresent(r -> b.append(" · ").append(r));
        return b.toString();
    }
}

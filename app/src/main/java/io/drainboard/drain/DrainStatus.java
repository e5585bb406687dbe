package io.drainboard.drain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A drain as the operator sees it: phase, both clocks (deadline and protection expiry), why it is
 * waiting, and every alarm raised.
 *
 * @param stop how the task stopped, as observed (calls when it stopped, exit code, who stopped it); empty until seen
 */
public record DrainStatus(String cluster, String service, String taskArn, CordonMethod method, DrainPhase phase,
                          Instant startedAt, Instant deadline, Optional<Instant> protectedUntil,
                          Optional<Instant> cordonedAt, String reason, List<String> alarms,
                          Optional<io.drainboard.stops.StopLine> stop) {
    public DrainStatus {
        alarms = List.copyOf(alarms);
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}

package io.drainboard.drain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A drain as the operator sees it: phase, both clocks (deadline and protection expiry), why it is
 * waiting, every alarm raised, the effect it sent that has not answered yet, and how its task stopped.
 *
 * @param sending what was sent and is still on its way (a cordon route that answers slowly, say); the phase
 *                moves on when it answers
 * @param stop    how the task stopped, as observed (calls when it stopped, exit code, who stopped it); empty until seen
 */
public record DrainStatus(String cluster, String service, String taskArn, CordonMethod method, DrainPhase phase,
                          Instant startedAt, Instant deadline, Optional<Instant> protectedUntil,
                          Optional<Instant> cordonedAt, String reason, List<String> alarms, Optional<String> sending,
                          Optional<io.drainboard.stops.StopLine> stop) {
    public DrainStatus {
        alarms = List.copyOf(alarms);
    }

    public DrainStatus(String cluster, String service, String taskArn, CordonMethod method, DrainPhase phase,
                       Instant startedAt, Instant deadline, Optional<Instant> protectedUntil,
                       Optional<Instant> cordonedAt, String reason, List<String> alarms) {
        this(cluster, service, taskArn, method, phase, startedAt, deadline, protectedUntil, cordonedAt, reason, alarms,
                Optional.empty(), Optional.empty());
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}

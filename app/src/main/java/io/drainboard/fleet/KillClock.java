package io.drainboard.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When ECS will SIGKILL a task it is stopping: SIGTERM time + effective stopTimeout (docs/aws-facts.md#kill-clock).
 * Behind a load balancer ECS first deregisters the task and sends SIGTERM only after the target group's
 * deregistration delay (ECS Developer Guide "Optimize load balancer connection draining parameters":
 * default 300 s), so until SIGTERM is seen the kill time is a range.
 *
 * @param stopRequestedAt ECS's {@code stoppingAt}: when the task was told to stop
 * @param sigtermAt       when SIGTERM was sent, if known exactly
 * @param earliestSigkill the soonest the calls can be cut (what a pessimistic countdown shows)
 * @param latestSigkill   the latest it can happen
 * @param basis           in the operator's words, e.g. "stoppingAt + stopTimeout 120 s"
 */
public record KillClock(Instant stopRequestedAt, Optional<Instant> sigtermAt, Instant earliestSigkill,
                        Instant latestSigkill, String basis) {

    public boolean exact() {
        return earliestSigkill.equals(latestSigkill);
    }

    /** Time left before the earliest possible SIGKILL; negative once it has passed. */
    public Duration remaining(Instant now) {
        return Duration.between(now, earliestSigkill);
    }
}

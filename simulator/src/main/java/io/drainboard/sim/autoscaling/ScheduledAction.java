package io.drainboard.sim.autoscaling;

import java.time.Instant;

/**
 * A scheduled action (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScheduledAction.html),
 * kept and described; the simulator does not run schedules (docs/simulator.md says so).
 */
public record ScheduledAction(String name, String arn, String resourceId, String schedule, String timezone,
                              Instant startTime, Instant endTime, Integer minCapacity, Integer maxCapacity,
                              Instant createdAt) {
}

package io.drainboard.drain;

import java.time.Instant;
import java.util.List;

/** An instance drain as the operator sees it: where it stands, why it waits, and the tasks it is draining. */
public record InstanceDrainStatus(String cluster, String instanceArn, String ec2InstanceId, Phase phase,
                                  Instant startedAt, String reason, List<DrainStatus> tasks, List<String> alarms,
                                  io.drainboard.stops.StopsSummary stops) {
    /** protect the instance → drain its tasks → DRAINING once it hosts no calls → empty → released to the group. */
    public enum Phase {
        PROTECTING, DRAINING_TASKS, EMPTYING, DONE, CANCELLED, FAILED;

        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }
    }

    public InstanceDrainStatus {
        tasks = List.copyOf(tasks);
        alarms = List.copyOf(alarms);
    }
}

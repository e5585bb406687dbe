package io.drainboard.fleet;

import java.time.Instant;
import java.util.Optional;

/** A task with the clocks and counts that decide whether its calls survive. */
public record TaskSnapshot(String arn, String id, String clusterName, String serviceName, String taskDefinitionArn,
                           String family, int revision, String launchType, String availabilityZone,
                           String lastStatus, String desiredStatus, String healthStatus,
                           Optional<Instant> startedAt, Optional<Instant> stoppingAt, Protection protection,
                           TaskCalls calls, StopTimeout stopTimeout) {

    /** "support-agent:41" — what operators call a revision. */
    public String revisionLabel() {
        return family + ":" + revision;
    }
}

package io.drainboard.fleet;

import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.Optional;

/** Maps ECS's task shape to the console's {@link TaskSnapshot}. */
final class TaskMapper {
    private TaskMapper() {
    }

    static TaskSnapshot task(Task t, String cluster, String service, TaskDefinition td, Protection protection,
                             TaskCalls calls) {
        String arn = t.taskArn();
        String tdArn = t.taskDefinitionArn();
        String familyRev = tdArn.substring(tdArn.lastIndexOf('/') + 1);
        int colon = familyRev.lastIndexOf(':');
        String family = colon < 0 ? familyRev : familyRev.substring(0, colon);
        int revision = colon < 0 ? 0 : Integer.parseInt(familyRev.substring(colon + 1));
        return new TaskSnapshot(arn, arn.substring(arn.lastIndexOf('/') + 1), cluster, service, tdArn, family, revision,
                t.launchTypeAsString(), t.availabilityZone(), t.lastStatus(), t.desiredStatus(),
                t.healthStatusAsString(), Optional.ofNullable(t.startedAt()), Optional.ofNullable(t.stoppingAt()),
                protection, calls, StopTimeouts.effective(t.launchTypeAsString(), FleetReader.stopTimeouts(td)));
    }

    static Protection protection(ProtectedTask p) {
        if (p == null || !Boolean.TRUE.equals(p.protectionEnabled())) return Protection.OFF;
        return p.expirationDate() == null ? new Protection(Protection.State.ON, Optional.empty())
                : Protection.until(p.expirationDate());
    }
}

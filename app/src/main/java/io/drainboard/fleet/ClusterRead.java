package io.drainboard.fleet;

import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ECS side of one cluster as one refresh read it, before it is joined with calls.
 *
 * @param serviceErrors  service ARN → why it could not be described
 * @param running        tasks listed with desiredStatus RUNNING
 * @param stopped        tasks listed with desiredStatus STOPPED (stopping now or stopped recently)
 * @param protection     GetTaskProtection's answer per task ARN
 * @param protectionLost tasks whose protection could not be read (shown UNKNOWN, never "off")
 * @param problems       partial failures in the operator's words
 * @param error          why the cluster could not be read at all
 * @param instances      its EC2 container instances (read only when it runs EC2 tasks)
 */
record ClusterRead(String profile, String region, String name, String arn, Instant readAt, List<Service> services,
                   Map<String, String> serviceErrors, List<KnownTask> running, List<KnownTask> stopped,
                   Map<String, ProtectedTask> protection, Set<String> protectionLost,
                   Map<String, TaskDefinition> taskDefinitions, List<String> problems, Optional<String> error,
                   List<InstanceRead> instances, int tasksNotShown) {

    static ClusterRead failed(String profile, String region, String name, String arn, Instant at, String error) {
        return new ClusterRead(profile, region, name, arn, at, List.of(), Map.of(), List.of(), List.of(), Map.of(),
                Set.of(), Map.of(), List.of(), Optional.of(error), List.of(), 0);
    }
}

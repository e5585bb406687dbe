package io.drainboard.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandRequest;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * The ECS calls that change the fleet, other than protection. Callers audit before calling; these
 * methods only speak the API and let SDK exceptions through for the caller to word.
 */
public final class EcsMutations {
    private final EcsClient ecs;

    public EcsMutations(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** StopTask: ECS sends SIGTERM, then SIGKILL after the container's stopTimeout. */
    public void stopTask(String cluster, String taskArn, String reason) {
        ecs.stopTask(StopTaskRequest.builder().cluster(cluster).task(taskArn)
                .reason(reason.length() > 255 ? reason.substring(0, 255) : reason).build());
    }

    /** ExecuteCommand; the caller then opens the session's data channel to actually run it. */
    public ExecuteCommandResponse executeCommand(String cluster, String taskArn, String container, String command) {
        ExecuteCommandRequest.Builder b = ExecuteCommandRequest.builder().cluster(cluster).task(taskArn)
                .command(command).interactive(true);
        if (container != null) b.container(container);
        return ecs.executeCommand(b.build());
    }

    public void setDesiredCount(String cluster, String service, int desired) {
        ecs.updateService(UpdateServiceRequest.builder().cluster(cluster).service(service).desiredCount(desired).build());
    }
}

package io.drainboard.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandRequest;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * The ECS calls that change the fleet, other than protection, each sent to the region and account of the ARN
 * it acts on. Callers audit before calling; these methods only speak the API and let SDK exceptions
 * (a {@link NoRegionException} among them) through for the caller to word.
 */
public final class EcsMutations {
    private final Regional<EcsClient> ecs;

    public EcsMutations(EcsClient ecs) {
        this(Regional.ofClient(ecs));
    }

    public EcsMutations(Regional<EcsClient> ecs) {
        this.ecs = ecs;
    }

    /** StopTask: ECS sends SIGTERM, then SIGKILL after the container's stopTimeout. */
    public void stopTask(String cluster, String taskArn, String reason) {
        ecs.forArnOrOnly(taskArn).stopTask(StopTaskRequest.builder().cluster(cluster).task(taskArn)
                .reason(reason.length() > 255 ? reason.substring(0, 255) : reason).build());
    }

    /** ExecuteCommand; the caller then opens the session's data channel to actually run it. */
    public ExecuteCommandResponse executeCommand(String cluster, String taskArn, String container, String command) {
        ExecuteCommandRequest.Builder b = ExecuteCommandRequest.builder().cluster(cluster).task(taskArn)
                .command(command).interactive(true);
        if (container != null) b.container(container);
        return ecs.forArnOrOnly(taskArn).executeCommand(b.build());
    }

    /** UpdateService desiredCount, in the region and account of {@code serviceArn}. */
    public void setDesiredCount(String serviceArn, String cluster, String service, int desired) {
        ecs.forArnOrOnly(serviceArn).updateService(UpdateServiceRequest.builder().cluster(cluster).service(service).desiredCount(desired).build());
    }
}

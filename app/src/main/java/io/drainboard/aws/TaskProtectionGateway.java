package io.drainboard.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UpdateTaskProtection as the engine needs it: batches of at most 10 tasks (the API's limit, ECS API
 * Reference "UpdateTaskProtection"), each sent to the region and account of its tasks' ARNs, and a result
 * per task whether the call, or one task in it, failed.
 */
public final class TaskProtectionGateway {
    public static final int BATCH = 10;

    /** What happened to one task's protection. {@code expiresAt} is set when protection is on. */
    public record Outcome(String taskArn, boolean ok, Optional<Instant> expiresAt, String message) {
    }

    private final Regional<EcsClient> ecs;

    public TaskProtectionGateway(EcsClient ecs) {
        this(Regional.ofClient(ecs));
    }

    public TaskProtectionGateway(Regional<EcsClient> ecs) {
        this.ecs = ecs;
    }

    /**
     * @param expiresInMinutes 1–2880 when enabling; ignored when disabling
     */
    public List<Outcome> update(String cluster, List<String> taskArns, boolean enable, int expiresInMinutes) {
        List<Outcome> out = new ArrayList<>();
        // A cluster lives in one region, so its tasks do too; grouped all the same, in case a caller mixed them.
        java.util.Map<EcsClient, List<String>> byClient = new java.util.LinkedHashMap<>();
        for (String arn : taskArns) {
            try {
                byClient.computeIfAbsent(ecs.forArnOrOnly(arn), c -> new ArrayList<>()).add(arn);
            } catch (SdkException e) {
                out.add(new Outcome(arn, false, Optional.empty(), e.getMessage()));
            }
        }
        byClient.forEach((client, arns) -> send(client, cluster, arns, enable, expiresInMinutes, out));
        return out;
    }

    private static void send(EcsClient ecs, String cluster, List<String> taskArns, boolean enable, int expiresInMinutes,
                             List<Outcome> out) {
        for (int i = 0; i < taskArns.size(); i += BATCH) {
            List<String> batch = taskArns.subList(i, Math.min(taskArns.size(), i + BATCH));
            UpdateTaskProtectionRequest.Builder req = UpdateTaskProtectionRequest.builder().cluster(cluster)
                    .tasks(batch).protectionEnabled(enable);
            if (enable) req.expiresInMinutes(expiresInMinutes);
            try {
                UpdateTaskProtectionResponse r = ecs.updateTaskProtection(req.build());
                for (ProtectedTask p : r.protectedTasks()) {
                    out.add(new Outcome(p.taskArn(), true, Optional.ofNullable(p.expirationDate()),
                            Boolean.TRUE.equals(p.protectionEnabled()) ? "protected" : "released"));
                }
                for (Failure f : r.failures()) {
                    out.add(new Outcome(f.arn(), false, Optional.empty(), f.reason()
                            + (f.detail() == null ? "" : ": " + f.detail())));
                }
            } catch (SdkException e) {
                for (String arn : batch) out.add(new Outcome(arn, false, Optional.empty(), e.getMessage()));
            }
        }
    }
}

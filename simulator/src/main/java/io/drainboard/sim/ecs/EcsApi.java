package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.http.AwsJsonService;
import io.drainboard.sim.model.FleetModel;

import java.util.function.IntSupplier;

/**
 * Amazon ECS (API version 2014-11-13) over awsJson1_1, answered from the fleet model. Every request runs
 * under the model lock on a model synced to the clock, so each answer is one consistent picture; the
 * mutating operations change the model there and then.
 */
public final class EcsApi implements AwsJsonService {
    private final FleetModel model;
    private final TaskJsonCache taskJson = new TaskJsonCache();
    private final IntSupplier port;
    private final ExecChannels channels;

    /** Without the server's port, ExecuteCommand's streamUrl has none (ws://127.0.0.1/ssm/…). */
    public EcsApi(FleetModel model) {
        this(model, () -> -1);
    }

    /** @param port the simulator's HTTP port, for ExecuteCommand's session streamUrl */
    public EcsApi(FleetModel model, IntSupplier port) {
        this(model, port, null);
    }

    /**
     * @param channels the Session Manager data channel that runs ExecuteCommand's command (null: the
     *                 command takes effect when the session is accepted)
     */
    public EcsApi(FleetModel model, IntSupplier port, ExecChannels channels) {
        this.model = model;
        this.port = port;
        this.channels = channels;
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerServiceV20141113";
    }

    @Override
    public String name() {
        return "ecs";
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "ListClusters" -> model.read(m -> ClusterOps.list(m, request));
            case "DescribeClusters" -> model.read(m -> ClusterOps.describe(m, request));
            case "ListServices" -> model.read(m -> ServiceOps.list(m, request));
            case "DescribeServices" -> model.read(m -> ServiceOps.describe(m, request));
            case "UpdateService" -> model.read(m -> ServiceOps.update(m, request));
            case "ListTasks" -> model.read(m -> TaskOps.list(m, request));
            case "DescribeTasks" -> model.read(m -> TaskOps.describe(m, taskJson, request));
            case "StopTask" -> model.read(m -> TaskOps.stop(m, request));
            case "UpdateTaskProtection" -> model.read(m -> ProtectionOps.update(m, request));
            case "GetTaskProtection" -> model.read(m -> ProtectionOps.get(m, request));
            case "ExecuteCommand" -> model.read(m -> ExecOps.execute(m, request, port, channels));
            case "ListTaskDefinitions" -> model.read(m -> TaskDefinitionOps.list(m, request));
            case "DescribeTaskDefinition" -> model.read(m -> TaskDefinitionOps.describe(m, request));
            case "RegisterTaskDefinition" -> model.read(m -> TaskDefinitionOps.register(m, request));
            case "ListContainerInstances" -> model.read(m -> ContainerInstanceOps.list(m, request));
            case "DescribeContainerInstances" -> model.read(m -> ContainerInstanceOps.describe(m, request));
            case "UpdateContainerInstancesState" -> model.read(m -> ContainerInstanceOps.updateState(m, request));
            case "TagResource" -> model.read(m -> TagOps.tag(m, request));
            case "UntagResource" -> model.read(m -> TagOps.untag(m, request));
            case "ListTagsForResource" -> model.read(m -> TagOps.list(m, request));
            default -> throw new AwsException("UnknownOperationException", null);
        };
    }
}

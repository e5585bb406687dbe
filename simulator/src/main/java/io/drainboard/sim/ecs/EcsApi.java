package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.http.AwsJsonService;
import io.drainboard.sim.model.FleetModel;

/**
 * Amazon ECS (API version 2014-11-13) over awsJson1_1, answered from the fleet model. Every request runs
 * under the model lock on a model synced to the clock, so each answer is one consistent picture.
 */
public final class EcsApi implements AwsJsonService {
    private final FleetModel model;
    private final TaskJsonCache taskJson = new TaskJsonCache();

    public EcsApi(FleetModel model) {
        this.model = model;
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
            case "ListTasks" -> model.read(m -> TaskOps.list(m, request));
            case "DescribeTasks" -> model.read(m -> TaskOps.describe(m, taskJson, request));
            case "ListTaskDefinitions" -> model.read(m -> TaskDefinitionOps.list(m, request));
            case "DescribeTaskDefinition" -> model.read(m -> TaskDefinitionOps.describe(m, request));
            case "ListContainerInstances" -> model.read(m -> ContainerInstanceOps.list(m, request));
            case "DescribeContainerInstances" -> model.read(m -> ContainerInstanceOps.describe(m, request));
            default -> throw new AwsException("UnknownOperationException", null);
        };
    }
}

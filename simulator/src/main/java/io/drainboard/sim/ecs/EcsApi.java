package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.http.AwsJsonService;
import io.drainboard.sim.model.FleetModel;

import io.drainboard.sim.ec2autoscaling.AutoScalingGroups;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Amazon ECS (API version 2014-11-13) over awsJson1_1, answered from the fleet model. Every request runs
 * under the model lock on a model synced to the clock, so each answer is one consistent picture; the
 * mutating operations change the model there and then.
 */
public final class EcsApi implements AwsJsonService {
    private final FleetModel model;
    private final TaskJsonCache taskJson = new TaskJsonCache();
    private final Consistency consistency = new Consistency();
    private final IntSupplier port;
    private final ExecChannels channels;
    private final Supplier<List<AutoScalingGroups.CapacityProvider>> capacityProviders;
    private final String region;
    private final String account;

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
        this(model, port, channels, List::of, "us-east-1", "123456789012");
    }

    /** @param capacityProviders the region's Auto Scaling group capacity providers (DescribeCapacityProviders) */
    public EcsApi(FleetModel model, IntSupplier port, ExecChannels channels,
                  Supplier<List<AutoScalingGroups.CapacityProvider>> capacityProviders, String region, String account) {
        this.model = model;
        this.port = port;
        this.channels = channels;
        this.capacityProviders = capacityProviders;
        this.region = region;
        this.account = account;
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
            case "DescribeClusters" -> withCapacityProviders(model.read(m -> ClusterOps.describe(m, request)));
            case "DescribeCapacityProviders" -> CapacityProviderOps.describe(capacityProviders.get(), region, account, request);
            case "ListServices" -> model.read(m -> ServiceOps.list(m, request));
            case "DescribeServices" -> model.read(m -> ServiceOps.describe(m, consistency, request));
            case "UpdateService" -> model.read(m -> ServiceOps.update(m, consistency, request));
            case "ListTasks" -> model.read(m -> TaskOps.list(m, consistency, request));
            case "DescribeTasks" -> model.read(m -> TaskOps.describe(m, taskJson, consistency, request));
            case "StopTask" -> model.read(m -> TaskOps.stop(m, taskJson, consistency, request));
            case "UpdateTaskProtection" -> model.read(m -> ProtectionOps.update(m, consistency, request));
            case "GetTaskProtection" -> model.read(m -> ProtectionOps.get(m, consistency, request));
            case "ExecuteCommand" -> model.read(m -> ExecOps.execute(m, request, port, channels));
            case "ListTaskDefinitions" -> model.read(m -> TaskDefinitionOps.list(m, request));
            case "DescribeTaskDefinition" -> model.read(m -> TaskDefinitionOps.describe(m, request));
            case "ListTaskDefinitionFamilies" -> model.read(m -> TaskDefinitionOps.listFamilies(m, request));
            case "DeregisterTaskDefinition" -> model.read(m -> TaskDefinitionOps.deregister(m, request));
            case "DeleteTaskDefinitions" -> model.read(m -> TaskDefinitionOps.delete(m, request));
            case "RegisterTaskDefinition" -> model.read(m -> TaskDefinitionOps.register(m, request));
            case "ListContainerInstances" -> model.read(m -> ContainerInstanceOps.list(m, consistency, request));
            case "DescribeContainerInstances" -> model.read(m -> ContainerInstanceOps.describe(m, consistency, request));
            case "UpdateContainerInstancesState" -> model.read(m -> ContainerInstanceOps.updateState(m, consistency, request));
            case "TagResource" -> model.read(m -> TagOps.tag(m, consistency, request));
            case "UntagResource" -> model.read(m -> TagOps.untag(m, consistency, request));
            case "ListTagsForResource" -> model.read(m -> TagOps.list(m, consistency, request));
            case "CreateCluster" -> model.read(m -> FixtureOps.createCluster(m, request));
            case "DeleteCluster" -> model.read(m -> FixtureOps.deleteCluster(m, request));
            case "CreateService" -> model.read(m -> FixtureOps.createService(m, request));
            case "DeleteService" -> model.read(m -> FixtureOps.deleteService(m, request));
            case "RunTask" -> model.read(m -> FixtureOps.runTask(m, consistency, request));
            case "StartTask" -> model.read(m -> FixtureOps.startTask(m, consistency, request));
            case "RegisterContainerInstance" -> model.read(m -> FixtureOps.registerContainerInstance(m, request));
            case "DeregisterContainerInstance" -> model.read(m -> FixtureOps.deregisterContainerInstance(m, request));
            // The type ECS answers an action it does not know; the message says this is the simulator's limit.
            default -> throw new AwsException("UnknownOperationException", "The Drainboard simulator does not model the ECS operation "
                    + operation + " (docs/simulator.md lists the ones it does).");
        };
    }

    private JsonNode withCapacityProviders(com.fasterxml.jackson.databind.node.ObjectNode out) {
        List<AutoScalingGroups.CapacityProvider> all = capacityProviders.get();
        for (JsonNode c : out.path("clusters")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).set("capacityProviders",
                    CapacityProviderOps.ofCluster(all, c.path("clusterName").asText()));
        }
        return out;
    }
}

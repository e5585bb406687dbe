package io.drainboard.aws;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS calls a rollout makes on a service and its task definitions. Callers audit before calling;
 * SDK exceptions go through for the caller to word ({@code fleet.AwsErrors}).
 */
public final class ServiceDeployGateway {
    /** A service's deployment configuration, every member sent so UpdateService leaves none to a default. */
    public record DeploymentSettings(int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker,
                                     boolean rollback) {
    }

    /** What the rollout needs to know about a revision: its ARN, family:revision, and each container's stopTimeout. */
    public record Revision(String arn, String family, int revision, List<Container> containers,
                           List<String> requiresCompatibilities) {
        public String label() {
            return family + ":" + revision;
        }
    }

    /** @param stopTimeout seconds, empty when the definition leaves it to ECS's default */
    public record Container(String name, boolean essential, Optional<Integer> stopTimeout) {
    }

    private final Regional<EcsClient> ecs;

    public ServiceDeployGateway(EcsClient ecs) {
        this(Regional.ofClient(ecs));
    }

    /**
     * Calls that name an ARN go to its region and account; those that name only a service or a family go to the
     * only region of {@code ecs}, so a rollout hands in the service's own region ({@link Regional#at}).
     */
    public ServiceDeployGateway(Regional<EcsClient> ecs) {
        this.ecs = ecs;
    }

    /** UpdateService with a new task definition: ECS starts a new PRIMARY deployment of it. */
    public void deploy(String cluster, String service, String taskDefinition) {
        ecs.forArnOrOnly(taskDefinition).updateService(UpdateServiceRequest.builder().cluster(cluster).service(service)
                .taskDefinition(taskDefinition).build());
    }

    /**
     * UpdateService with only a deployment configuration: no new deployment starts (ECS API Reference
     * "UpdateService": a new deployment is started by a new task definition or forceNewDeployment).
     */
    public void configure(String cluster, String service, DeploymentSettings s) {
        ecs.only("service " + service).updateService(UpdateServiceRequest.builder().cluster(cluster).service(service)
                .deploymentConfiguration(DeploymentConfiguration.builder()
                        .minimumHealthyPercent(s.minimumHealthyPercent()).maximumPercent(s.maximumPercent())
                        .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(s.circuitBreaker())
                                .rollback(s.rollback()).build())
                        .build())
                .build());
    }

    /** DescribeTaskDefinition of an ARN or family:revision (or a family: its latest ACTIVE revision). */
    public Revision describe(String reference) {
        TaskDefinition td = ecs.forArnOrOnly(reference).describeTaskDefinition(b -> b.taskDefinition(reference))
                .taskDefinition();
        List<Container> containers = new ArrayList<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            containers.add(new Container(c.name(), c.essential() == null || c.essential(), Optional.ofNullable(c.stopTimeout())));
        }
        return new Revision(td.taskDefinitionArn(), td.family(), td.revision(), containers,
                td.requiresCompatibilitiesAsStrings());
    }

    /** The family's ACTIVE revisions, newest first, at most {@code max}. */
    public List<String> revisions(String family, int max) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListTaskDefinitionsResponse r = ecs.only("task definition family " + family).listTaskDefinitions(b -> b.familyPrefix(family).sort(SortOrder.DESC)
                    .status("ACTIVE").maxResults(Math.min(100, max)).nextToken(t));
            out.addAll(r.taskDefinitionArns());
            token = r.nextToken();
        } while (token != null && out.size() < max);
        return out.subList(0, Math.min(max, out.size()));
    }

    /**
     * Registers the next revision of a task definition as an exact copy (same images and settings, tags included):
     * a way to replace every task with a fresh one, the safe way, without a code change. Every member the SDK's
     * RegisterTaskDefinitionRequest has is copied from the TaskDefinition member of the same name, so a member
     * added to ECS (and to the SDK) is copied too; ECS's own members (ARN, revision, status, registeredAt/By,
     * compatibilities, requiresAttributes) have no request member and stay behind.
     */
    public Revision registerCopy(String arn) {
        EcsClient client = ecs.forArnOrOnly(arn); // the copy is registered where the original is
        DescribeTaskDefinitionResponse d = client.describeTaskDefinition(b -> b.taskDefinition(arn)
                .include(TaskDefinitionField.TAGS));
        RegisterTaskDefinitionRequest.Builder r = RegisterTaskDefinitionRequest.builder();
        copyMembers(d.taskDefinition(), r);
        if (d.hasTags() && !d.tags().isEmpty()) r.tags(d.tags());
        TaskDefinition created = client.registerTaskDefinition(r.build()).taskDefinition();
        return describe(created.taskDefinitionArn());
    }

    /** Sets every member of {@code to} that {@code from} has a set member of the same name for. */
    static void copyMembers(SdkPojo from, SdkPojo to) {
        Map<String, SdkField<?>> source = new HashMap<>();
        for (SdkField<?> f : from.sdkFields()) source.put(f.memberName(), f);
        for (SdkField<?> f : to.sdkFields()) {
            SdkField<?> s = source.get(f.memberName());
            if (s == null || f.memberName().equals("tags")) continue;
            Object v = s.getValueOrDefault(from);
            if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) continue;
            f.set(to, v);
        }
    }
}

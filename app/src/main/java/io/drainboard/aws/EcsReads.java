package io.drainboard.aws;

import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EcsGateway}'s requests sent through the {@link RequestScheduler}: each returns a future, list
 * pages go first, and a task definition is asked for once however many tasks name it at the same time.
 */
public final class EcsReads {
    private final EcsGateway ecs;
    private final RequestScheduler requests;
    private final Map<String, CompletableFuture<TaskDefinition>> taskDefinitions;

    private final InstanceReads instances;
    /** Added to every request's priority: {@link RequestScheduler#AHEAD} for the cluster a window shows first. */
    private final int lane;

    public EcsReads(EcsGateway ecs, RequestScheduler requests) {
        this(ecs, requests, null);
    }

    /** With {@code instances}, clusters that run EC2 tasks also have their container instances read. */
    public EcsReads(EcsGateway ecs, RequestScheduler requests, InstanceReads instances) {
        this(ecs, requests, instances, new ConcurrentHashMap<>(), 0);
    }

    private EcsReads(EcsGateway ecs, RequestScheduler requests, InstanceReads instances,
                     Map<String, CompletableFuture<TaskDefinition>> taskDefinitions, int lane) {
        this.ecs = ecs;
        this.requests = requests;
        this.instances = instances;
        this.taskDefinitions = taskDefinitions;
        this.lane = lane;
    }

    /**
     * The same reads, each queued ahead of every other request of the scheduler (lists still before describes among
     * them): for the cluster a first read hands to the window before the rest (FleetReader).
     */
    public EcsReads ahead() {
        return new EcsReads(ecs, requests, instances, taskDefinitions, RequestScheduler.AHEAD);
    }

    public java.util.Optional<InstanceReads> instances() {
        return java.util.Optional.ofNullable(instances);
    }

    public CompletableFuture<EcsGateway.Page> listClusters(String token) {
        return requests.submit("ecs:ListClusters", lane + RequestScheduler.LIST, () -> ecs.listClustersPage(token),
                AwsRetry::classify);
    }

    public CompletableFuture<DescribeClustersResponse> describeClusters(List<String> names) {
        return requests.submit("ecs:DescribeClusters", lane + RequestScheduler.LIST, () -> ecs.describeClustersBatch(names),
                AwsRetry::classify);
    }

    public CompletableFuture<EcsGateway.Page> listServices(String cluster, String token) {
        return requests.submit("ecs:ListServices", lane + RequestScheduler.LIST, () -> ecs.listServicesPage(cluster, token),
                AwsRetry::classify);
    }

    public CompletableFuture<DescribeServicesResponse> describeServices(String cluster, List<String> arns) {
        return requests.submit("ecs:DescribeServices", lane + RequestScheduler.DESCRIBE_SMALL,
                () -> ecs.describeServicesBatch(cluster, arns), AwsRetry::classify);
    }

    public CompletableFuture<EcsGateway.Page> listTasks(String cluster, DesiredStatus desired, String token) {
        return requests.submit("ecs:ListTasks", lane + RequestScheduler.LIST, () -> ecs.listTasksPage(cluster, desired, token),
                AwsRetry::classify);
    }

    /** One page of one service's tasks (the chain per service is shorter than the cluster's; same pages when services are full). */
    public CompletableFuture<EcsGateway.Page> listServiceTasks(String cluster, String service, DesiredStatus desired,
                                                               String token) {
        return requests.submit("ecs:ListTasks", lane + RequestScheduler.LIST,
                () -> ecs.listTasksPage(cluster, service, desired, token), AwsRetry::classify);
    }

    public CompletableFuture<DescribeTasksResponse> describeTasks(String cluster, List<String> arns) {
        return requests.submit("ecs:DescribeTasks", lane + RequestScheduler.DESCRIBE_BULK,
                () -> ecs.describeTasksBatch(cluster, arns), AwsRetry::classify);
    }

    public CompletableFuture<GetTaskProtectionResponse> taskProtection(String cluster, List<String> arns) {
        return requests.submit("ecs:GetTaskProtection", lane + RequestScheduler.DESCRIBE_BULK,
                () -> ecs.taskProtectionBatch(cluster, arns), AwsRetry::classify);
    }

    /** The task definition, from the cache when it was read before; one request per ARN in flight. */
    public CompletableFuture<TaskDefinition> taskDefinition(String arn) {
        var cached = ecs.cachedTaskDefinition(arn);
        if (cached.isPresent()) return CompletableFuture.completedFuture(cached.get());
        CompletableFuture<TaskDefinition> f = taskDefinitions.computeIfAbsent(arn, a -> requests.submit(
                "ecs:DescribeTaskDefinition", lane + RequestScheduler.DESCRIBE_SMALL, () -> ecs.taskDefinition(a),
                AwsRetry::classify));
        // A failure is not cached: the next refresh asks again. A success stays: a caller that missed the
        // gateway's cache a moment before it was filled would otherwise queue a second job that sends nothing
        // but counts as a request (the read path's cost figure was one over the server's under load).
        f.whenComplete((td, e) -> {
            if (e != null) taskDefinitions.remove(arn, f);
        });
        return f;
    }

    public EcsGateway gateway() {
        return ecs;
    }
}

package io.drainboard.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS reads as the console needs them, one request per method so a scheduler can bound and order them:
 * list pages of at most 100 (the APIs' maximum), describes at the APIs' batch limits (ECS API Reference:
 * DescribeTasks "Up to 100 tasks", DescribeServices "up to 10 services", DescribeClusters "up to 100",
 * GetTaskProtection up to 100 tasks), and task definitions cached by ARN because a registered revision
 * never changes. The whole-list helpers at the end are for callers that do not need a scheduler.
 */
public final class EcsGateway {
    public static final int PAGE = 100;
    public static final int DESCRIBE_TASKS_BATCH = 100;
    public static final int DESCRIBE_SERVICES_BATCH = 10;
    public static final int DESCRIBE_CLUSTERS_BATCH = 100;
    public static final int TASK_PROTECTION_BATCH = 100;

    /** One page of a list and the token for the next, empty on the last page. */
    public record Page(List<String> arns, Optional<String> nextToken) {
    }

    private final EcsClient ecs;
    private final Map<String, TaskDefinition> taskDefinitions = new ConcurrentHashMap<>();

    public EcsGateway(EcsClient ecs) {
        this.ecs = ecs;
    }

    public Page listClustersPage(String token) {
        ListClustersResponse r = ecs.listClusters(b -> b.maxResults(PAGE).nextToken(token));
        return new Page(r.clusterArns(), Optional.ofNullable(r.nextToken()));
    }

    public DescribeClustersResponse describeClustersBatch(List<String> namesOrArns) {
        return ecs.describeClusters(DescribeClustersRequest.builder().clusters(namesOrArns).build());
    }

    public Page listServicesPage(String cluster, String token) {
        ListServicesResponse r = ecs.listServices(ListServicesRequest.builder().cluster(cluster).maxResults(PAGE)
                .nextToken(token).build());
        return new Page(r.serviceArns(), Optional.ofNullable(r.nextToken()));
    }

    public DescribeServicesResponse describeServicesBatch(String cluster, List<String> arns) {
        // Tags come free with the describe: the guard service's lease and the workers' self-protection mark live there.
        return ecs.describeServices(DescribeServicesRequest.builder().cluster(cluster).services(arns)
                .include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS).build());
    }

    /**
     * One page of the cluster's tasks with the given desired status. RUNNING lists live tasks; STOPPED
     * lists tasks ECS is stopping or has stopped recently (ListTasks: "desiredStatus … STOPPED").
     */
    public Page listTasksPage(String cluster, DesiredStatus desired, String token) {
        return listTasksPage(cluster, null, desired, token);
    }

    /**
     * One page of one service's tasks ({@code service} null: the whole cluster's). ListTasks "serviceName: The
     * name of the service to use when filtering the ListTasks results" (ECS API Reference "ListTasks").
     */
    public Page listTasksPage(String cluster, String service, DesiredStatus desired, String token) {
        ListTasksResponse r = ecs.listTasks(ListTasksRequest.builder().cluster(cluster).serviceName(service)
                .desiredStatus(desired).maxResults(PAGE).nextToken(token).build());
        return new Page(r.taskArns(), Optional.ofNullable(r.nextToken()));
    }

    public DescribeTasksResponse describeTasksBatch(String cluster, List<String> arns) {
        // Tags come free with the describe: who protected the task leaves a mark there (drain.ProtectionMark).
        return ecs.describeTasks(DescribeTasksRequest.builder().cluster(cluster).tasks(arns)
                .include(software.amazon.awssdk.services.ecs.model.TaskField.TAGS).build());
    }

    public GetTaskProtectionResponse taskProtectionBatch(String cluster, List<String> arns) {
        return ecs.getTaskProtection(GetTaskProtectionRequest.builder().cluster(cluster).tasks(arns).build());
    }

    /** A task definition already read, without a request. */
    public Optional<TaskDefinition> cachedTaskDefinition(String arn) {
        return Optional.ofNullable(taskDefinitions.get(arn));
    }

    public TaskDefinition taskDefinition(String arn) {
        TaskDefinition cached = taskDefinitions.get(arn);
        if (cached != null) return cached;
        TaskDefinition td = ecs.describeTaskDefinition(DescribeTaskDefinitionRequest.builder().taskDefinition(arn)
                .build()).taskDefinition();
        taskDefinitions.put(arn, td);
        return td;
    }

    // ------------------------------------------------------------ whole lists, sequential

    public List<String> listClusterArns() {
        List<String> out = new ArrayList<>();
        ecs.listClustersPaginator(r -> r.maxResults(PAGE)).forEach(p -> out.addAll(p.clusterArns()));
        return out;
    }

    public List<Cluster> describeClusters(List<String> arns) {
        List<Cluster> out = new ArrayList<>();
        for (List<String> batch : batches(arns, DESCRIBE_CLUSTERS_BATCH)) out.addAll(describeClustersBatch(batch).clusters());
        return out;
    }

    public List<String> listServiceArns(String cluster) {
        List<String> out = new ArrayList<>();
        ecs.listServicesPaginator(ListServicesRequest.builder().cluster(cluster).maxResults(PAGE).build())
                .forEach(p -> out.addAll(p.serviceArns()));
        return out;
    }

    public List<Service> describeServices(String cluster, List<String> arns) {
        List<Service> out = new ArrayList<>();
        for (List<String> batch : batches(arns, DESCRIBE_SERVICES_BATCH)) {
            out.addAll(describeServicesBatch(cluster, batch).services());
        }
        return out;
    }

    /** Every RUNNING-desired task of the cluster: one list for all services is the fewest requests. */
    public List<String> listTaskArns(String cluster) {
        List<String> out = new ArrayList<>();
        ecs.listTasksPaginator(ListTasksRequest.builder().cluster(cluster).maxResults(PAGE).build())
                .forEach(p -> out.addAll(p.taskArns()));
        return out;
    }

    public List<Task> describeTasks(String cluster, List<String> arns) {
        List<Task> out = new ArrayList<>();
        for (List<String> batch : batches(arns, DESCRIBE_TASKS_BATCH)) out.addAll(describeTasksBatch(cluster, batch).tasks());
        return out;
    }

    public List<ProtectedTask> taskProtection(String cluster, List<String> arns) {
        List<ProtectedTask> out = new ArrayList<>();
        for (List<String> batch : batches(arns, TASK_PROTECTION_BATCH)) {
            out.addAll(taskProtectionBatch(cluster, batch).protectedTasks());
        }
        return out;
    }

    public static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) out.add(items.subList(i, Math.min(items.size(), i + size)));
        return out;
    }
}

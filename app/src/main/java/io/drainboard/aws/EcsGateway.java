package io.drainboard.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS reads as the console needs them: every list paginated, describes batched at the API's limits
 * (DescribeTasks ≤ 100, DescribeServices ≤ 10, DescribeClusters ≤ 100), task definitions cached by ARN
 * because a registered revision never changes.
 */
public final class EcsGateway {
    static final int DESCRIBE_TASKS_BATCH = 100;
    static final int DESCRIBE_SERVICES_BATCH = 10;

    private final EcsClient ecs;
    private final Map<String, TaskDefinition> taskDefinitions = new ConcurrentHashMap<>();

    public EcsGateway(EcsClient ecs) {
        this.ecs = ecs;
    }

    public List<String> listClusterArns() {
        List<String> out = new ArrayList<>();
        ecs.listClustersPaginator(r -> r.maxResults(100)).forEach(p -> out.addAll(p.clusterArns()));
        return out;
    }

    public List<Cluster> describeClusters(List<String> arns) {
        List<Cluster> out = new ArrayList<>();
        for (List<String> batch : batches(arns, 100)) {
            out.addAll(ecs.describeClusters(DescribeClustersRequest.builder().clusters(batch).build()).clusters());
        }
        return out;
    }

    public List<String> listServiceArns(String cluster) {
        List<String> out = new ArrayList<>();
        ecs.listServicesPaginator(ListServicesRequest.builder().cluster(cluster).maxResults(100).build())
                .forEach(p -> out.addAll(p.serviceArns()));
        return out;
    }

    public List<Service> describeServices(String cluster, List<String> arns) {
        List<Service> out = new ArrayList<>();
        for (List<String> batch : batches(arns, DESCRIBE_SERVICES_BATCH)) {
            out.addAll(ecs.describeServices(DescribeServicesRequest.builder().cluster(cluster).services(batch)
                    .build()).services());
        }
        return out;
    }

    /** Every RUNNING-desired task of the cluster: one list for all services is the fewest requests. */
    public List<String> listTaskArns(String cluster) {
        List<String> out = new ArrayList<>();
        ecs.listTasksPaginator(ListTasksRequest.builder().cluster(cluster).maxResults(100).build())
                .forEach(p -> out.addAll(p.taskArns()));
        return out;
    }

    public List<Task> describeTasks(String cluster, List<String> arns) {
        List<Task> out = new ArrayList<>();
        for (List<String> batch : batches(arns, DESCRIBE_TASKS_BATCH)) {
            out.addAll(ecs.describeTasks(DescribeTasksRequest.builder().cluster(cluster).tasks(batch).build()).tasks());
        }
        return out;
    }

    public TaskDefinition taskDefinition(String arn) {
        TaskDefinition cached = taskDefinitions.get(arn);
        if (cached != null) return cached;
        TaskDefinition td = ecs.describeTaskDefinition(DescribeTaskDefinitionRequest.builder().taskDefinition(arn)
                .build()).taskDefinition();
        taskDefinitions.put(arn, td);
        return td;
    }

    /** Protection of up to 100 tasks a call (GetTaskProtection, ECS API Reference). */
    public List<ProtectedTask> taskProtection(String cluster, List<String> arns) {
        List<ProtectedTask> out = new ArrayList<>();
        for (List<String> batch : batches(arns, 100)) {
            out.addAll(ecs.getTaskProtection(GetTaskProtectionRequest.builder().cluster(cluster).tasks(batch).build())
                    .protectedTasks());
        }
        return out;
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) out.add(items.subList(i, Math.min(items.size(), i + size)));
        return out;
    }
}

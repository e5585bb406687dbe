package io.drainboard.history;

import io.drainboard.aws.AwsRetry;
import io.drainboard.aws.RequestScheduler;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * What backfill reads from ECS after the fact, through the real EcsClient on the console's request scheduler
 * at background priority (a refresh goes first): services with their events and deployments, and tasks with
 * the fields the fleet snapshot does not carry (executionStoppedAt: when the container stopped, i.e. the
 * SIGKILL for exit code 137). Paginates everything; DescribeServices ≤ 10, DescribeTasks ≤ 100 per call.
 */
public final class EcsHistoryGateway {
    private final EcsClient ecs;
    private final RequestScheduler requests;

    public EcsHistoryGateway(EcsClient ecs, RequestScheduler requests) {
        this.ecs = ecs;
        this.requests = requests;
    }

    public List<String> clusterArns() {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListClustersResponse r = call("ecs:ListClusters", () -> ecs.listClusters(b -> b.nextToken(t).maxResults(100)));
            out.addAll(r.clusterArns());
            token = r.nextToken();
        } while (token != null);
        return out;
    }

    public List<Service> services(String cluster) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListServicesResponse r = call("ecs:ListServices", () -> ecs.listServices(b -> b.cluster(cluster).nextToken(t)
                    .maxResults(100)));
            arns.addAll(r.serviceArns());
            token = r.nextToken();
        } while (token != null);
        List<Service> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 10));
            out.addAll(call("ecs:DescribeServices", () -> ecs.describeServices(b -> b.cluster(cluster).services(batch)))
                    .services());
        }
        return out;
    }

    /** Tasks ECS still lists with this desired status (stopped ones for "at least 1 hour" after they stop). */
    public List<Task> tasks(String cluster, DesiredStatus desired) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListTasksResponse r = call("ecs:ListTasks", () -> ecs.listTasks(b -> b.cluster(cluster).desiredStatus(desired)
                    .nextToken(t).maxResults(100)));
            arns.addAll(r.taskArns());
            token = r.nextToken();
        } while (token != null);
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            out.addAll(call("ecs:DescribeTasks", () -> ecs.describeTasks(b -> b.cluster(cluster).tasks(batch))).tasks());
        }
        return out;
    }

    private <T> T call(String operation, Callable<T> c) {
        try {
            return requests.submit(operation, RequestScheduler.BACKGROUND, c, AwsRetry::classify).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}

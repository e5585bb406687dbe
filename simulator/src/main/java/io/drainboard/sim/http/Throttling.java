package io.drainboard.sim.http;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API rate limits as token buckets per API action category, one set per account and region ({@link Scope}, the
 * scope AWS throttles by). ECS's categories and their burst / sustained
 * rates are the table of "Request throttling for the Amazon ECS API"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html, section "Request
 * token bucket sizes and refill rates"); every action of a category shares its bucket. Buckets refill
 * on the simulator's clock, so a test with a manual clock sees exactly the burst and nothing more until
 * it advances time. Operations in no category are never throttled here.
 */
public final class Throttling {
    /** An API action category: its name, bucket capacity (burst) and refill per second (sustained). */
    public record Category(String service, String name, int burst, int refillPerSecond, List<String> operations) {
    }

    /** The ECS table, copied row by row from the page cited above. */
    public static final List<Category> ECS = List.of(
            new Category("ecs", "Cluster modify actions", 20, 1, List.of("CreateCluster", "DeleteCluster",
                    "PutClusterCapacityProviders", "UpdateCluster", "UpdateClusterSettings")),
            new Category("ecs", "Cluster read actions", 50, 20, List.of("DescribeClusters", "ListClusters")),
            new Category("ecs", "Task definition modify actions", 20, 1, List.of("DeregisterTaskDefinition",
                    "RegisterTaskDefinition")),
            new Category("ecs", "Task definition read actions", 50, 20, List.of("DescribeTaskDefinition",
                    "ListTaskDefinitions", "ListTaskDefinitionFamilies")),
            new Category("ecs", "Task definition deletion actions", 5, 1, List.of("DeleteTaskDefinitions")),
            new Category("ecs", "Capacity provider modify actions", 10, 1, List.of("CreateCapacityProvider",
                    "DeleteCapacityProvider", "UpdateCapacityProvider")),
            new Category("ecs", "Capacity provider read actions", 50, 20, List.of("DescribeCapacityProviders")),
            new Category("ecs", "Tag modify actions", 20, 10, List.of("TagResource", "UntagResource")),
            new Category("ecs", "Tag read actions", 50, 20, List.of("ListTagsForResource")),
            new Category("ecs", "Setting modify actions", 10, 1, List.of("DeleteAccountSetting", "PutAccountSetting",
                    "PutAccountSettingDefault")),
            new Category("ecs", "Setting read actions", 50, 20, List.of("ListAccountSettings")),
            new Category("ecs", "Cluster resource modify actions", 100, 40, List.of("DeleteAttributes",
                    "DeregisterContainerInstance", "ExecuteCommand", "PutAttributes", "RunTask", "StartTask",
                    // The page spells it "UpdateContainerInstancesStates"; the operation is UpdateContainerInstancesState.
                    "StopTask", "UpdateContainerAgent", "UpdateContainerInstancesState")),
            new Category("ecs", "Cluster resource read actions", 100, 20, List.of("DescribeContainerInstances",
                    "DescribeTasks", "ListAttributes", "ListContainerInstances", "ListTasks")),
            new Category("ecs", "Agent modify actions", 200, 120, List.of("RegisterContainerInstance",
                    "SubmitAttachmentStateChanges", "SubmitContainerStateChange", "SubmitTaskStateChange")),
            new Category("ecs", "Service modify actions", 50, 5, List.of("CreateService", "DeleteService",
                    "UpdateService")),
            new Category("ecs", "Service read actions", 100, 20, List.of("DescribeServices", "ListServices")),
            new Category("ecs", "Service deployment actions", 50, 20, List.of("DescribeServiceDeployments",
                    "ListServiceDeployments")),
            new Category("ecs", "Service revision actions", 50, 20, List.of("DescribeServiceRevisions")),
            new Category("ecs", "Task protection actions", 200, 80, List.of("UpdateTaskProtection",
                    "GetTaskProtection")),
            new Category("ecs", "Cluster service resource read actions", 10, 1, List.of("ListServicesByNamespace")));

    /**
     * CloudWatch's API quotas, per account and Region, in transactions per second ("CloudWatch service quotas",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html): GetMetricData 50,
     * ListMetrics 25, GetMetricStatistics 400, PutMetricData 500, DescribeAlarms 9. A TPS quota is a bucket of one
     * second's worth refilled every second. Application Auto Scaling and EC2 Auto Scaling publish no request rates,
     * so they are not throttled here (inject faults to test a client against throttling there; docs/simulator.md).
     */
    public static final List<Category> CLOUDWATCH = List.of(
            new Category("cloudwatch", "GetMetricData", 50, 50, List.of("GetMetricData")),
            new Category("cloudwatch", "ListMetrics", 25, 25, List.of("ListMetrics")),
            new Category("cloudwatch", "GetMetricStatistics", 400, 400, List.of("GetMetricStatistics")),
            new Category("cloudwatch", "PutMetricData", 500, 500, List.of("PutMetricData")),
            new Category("cloudwatch", "DescribeAlarms", 9, 9, List.of("DescribeAlarms")));

    /** Every modelled service's limits. */
    public static final List<Category> ALL = java.util.stream.Stream.concat(ECS.stream(), CLOUDWATCH.stream()).toList();

    private final Clock clock;
    private final Map<String, Category> categoryOf = new HashMap<>();
    private final Map<Bucket, TokenBucket> buckets = new LinkedHashMap<>();
    private volatile boolean enabled;

    public Throttling(Clock clock, boolean enabled, List<Category> categories) {
        this.clock = clock;
        this.enabled = enabled;
        for (Category c : categories) {
            for (String op : c.operations()) categoryOf.put(c.service() + ":" + op, c);
        }
    }

    public boolean enabled() { return enabled; }

    /** Switching on starts every bucket full. */
    public synchronized void setEnabled(boolean on) {
        if (on && !enabled) buckets.clear();
        enabled = on;
    }

    /** One category's bucket in one account and region (null: a request that names none). */
    private record Bucket(Scope scope, Category category) {
    }

    /** True when the request may go ahead (throttling off, no category, or a token was there). */
    public boolean tryAcquire(String service, String operation) {
        return tryAcquire(null, service, operation);
    }

    /** As {@link #tryAcquire(String, String)}, from the buckets of one account and region. */
    public boolean tryAcquire(Scope scope, String service, String operation) {
        if (!enabled) return true;
        Category c = categoryOf.get(service + ":" + operation);
        if (c == null) return true;
        synchronized (this) {
            return buckets.computeIfAbsent(new Bucket(scope, c), k -> new TokenBucket(c.burst(), c.refillPerSecond(),
                    clock.instant())).tryTake(clock.instant());
        }
    }

    /**
     * Tokens left per category that has been used, for the admin endpoint: "ecs:Category" for requests without
     * a scope, "account/region ecs:Category" for the others.
     */
    public synchronized Map<String, Double> tokens() {
        Map<String, Double> out = new LinkedHashMap<>();
        buckets.forEach((b, t) -> out.put((b.scope() == null ? "" : b.scope() + " ") + b.category().service() + ":"
                + b.category().name(), t.tokens(clock.instant())));
        return out;
    }
}

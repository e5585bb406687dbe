package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsClustersTest {
    private static final String PROD = "arn:aws:ecs:us-east-1:123456789012:cluster/voice-prod";
    private static final String STAGING = "arn:aws:ecs:us-east-1:123456789012:cluster/voice-staging";
    @RegisterExtension
    static final EcsSimulator SIM = EcsSimulator.demo();
    private final Simulator sim = SIM.simulator();
    private final EcsClient ecs = SIM.ecs();

    @Test
    void listsTheDemoClustersOnOnePage() {
        ListClustersResponse r = ecs.listClusters();
        assertEquals(List.of(PROD, STAGING), r.clusterArns());
        assertNull(r.nextToken());
    }

    @Test
    void pagesClustersOneAtATime() {
        ListClustersResponse first = ecs.listClusters(b -> b.maxResults(1));
        assertEquals(List.of(PROD), first.clusterArns());
        assertNotNull(first.nextToken());
        ListClustersResponse second = ecs.listClusters(b -> b.maxResults(1).nextToken(first.nextToken()));
        assertEquals(List.of(STAGING), second.clusterArns());
        assertNull(second.nextToken());
    }

    @Test
    void describesClustersByNameOrArnWithCountsFromTheModel() {
        DescribeClustersResponse r = ecs.describeClusters(b -> b.clusters("voice-prod", STAGING));
        assertTrue(r.failures().isEmpty());
        Map<String, Cluster> byName = r.clusters().stream().collect(Collectors.toMap(Cluster::clusterName, c -> c));
        Cluster prod = byName.get("voice-prod");
        assertEquals(PROD, prod.clusterArn());
        assertEquals("ACTIVE", prod.status());
        assertEquals(22, prod.runningTasksCount()); // 10 support-agent + 6 sales-agent + 6 outbound-dialer
        assertEquals(0, prod.pendingTasksCount());
        assertEquals(3, prod.activeServicesCount());
        assertEquals(4, prod.registeredContainerInstancesCount());
        Cluster staging = byName.get("voice-staging");
        assertEquals(7, staging.runningTasksCount());
        assertEquals(2, staging.activeServicesCount());
        assertEquals(1, staging.registeredContainerInstancesCount());
        assertEquals(29, prod.runningTasksCount() + staging.runningTasksCount());
    }

    @Test
    void statisticsWhenAskedFor() {
        Cluster prod = ecs.describeClusters(b -> b.clusters("voice-prod").include(ClusterField.STATISTICS)).clusters().get(0);
        Map<String, String> stats = prod.statistics().stream().collect(Collectors.toMap(s -> s.name(), s -> s.value()));
        assertEquals("16", stats.get("runningFargateTasksCount"));
        assertEquals("6", stats.get("runningEC2TasksCount"));
    }

    @Test
    void unknownClustersAreFailuresAndTheDefaultIsAssumed() {
        DescribeClustersResponse r = ecs.describeClusters(b -> b.clusters("nope"));
        assertTrue(r.clusters().isEmpty());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/nope", r.failures().get(0).arn());
        assertEquals("MISSING", r.failures().get(0).reason());
        // No clusters given: "the default cluster is assumed"; the demo has none.
        DescribeClustersResponse d = ecs.describeClusters(b -> { });
        assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/default", d.failures().get(0).arn());
    }

    @Test
    void operationsOnAnUnknownOrOmittedClusterThrowClusterNotFound() {
        ClusterNotFoundException e = assertThrows(ClusterNotFoundException.class,
                () -> ecs.listServices(b -> b.cluster("nope")));
        assertEquals("Cluster not found.", e.awsErrorDetails().errorMessage());
        assertThrows(ClusterNotFoundException.class, () -> ecs.listTasks(b -> { }));
        assertThrows(ClusterNotFoundException.class, () -> ecs.describeTasks(b -> b.cluster("nope").tasks("abc")));
    }

    @Test
    void limitsAndPageSizesAreValidated() {
        List<String> many = Collections.nCopies(101, "voice-prod");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecs.describeClusters(b -> b.clusters(many)));
        assertEquals("clusters can have at most 100 items.", e.awsErrorDetails().errorMessage());
        assertThrows(InvalidParameterException.class, () -> ecs.listClusters(b -> b.maxResults(0)));
        assertThrows(InvalidParameterException.class, () -> ecs.listClusters(b -> b.maxResults(101)));
        assertThrows(InvalidParameterException.class, () -> ecs.listClusters(b -> b.nextToken("garbage!")));
    }
}

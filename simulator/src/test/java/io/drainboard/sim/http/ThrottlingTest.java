package io.drainboard.sim.http;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ECS's token buckets ("Request throttling for the Amazon ECS API") seen through the real EcsClient. */
class ThrottlingTest {
    private Simulator sim;
    private EcsClient ecs;

    private void start(boolean throttling) {
        sim = Simulator.start(Simulator.Options.virtual(SimClients.testScenario("small-fleet")).withThrottling(throttling));
        ecs = SimClients.ecs(sim);
    }

    @AfterEach
    void stop() {
        if (ecs != null) ecs.close();
        if (sim != null) sim.close();
    }

    private int okUntilThrottled(Runnable call, int max) {
        for (int i = 0; i < max; i++) {
            try {
                call.run();
            } catch (EcsException e) {
                assertTrue(e.isThrottlingException(), "throttled, not " + e.awsErrorDetails().errorCode());
                assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
                assertEquals(400, e.statusCode());
                return i;
            }
        }
        return max;
    }

    @Test
    void clusterReadActionsBurstTo50ThenRefill20PerSecond() {
        start(true);
        // DescribeClusters and ListClusters share the "Cluster read actions" bucket.
        assertEquals(25, okUntilThrottled(() -> ecs.listClusters(), 25));
        assertEquals(25, okUntilThrottled(() -> ecs.describeClusters(b -> b.clusters("voice")), 100));
        sim.clock().advance(Duration.ofMillis(999));
        assertEquals(0, okUntilThrottled(() -> ecs.listClusters(), 100), "refill comes by whole seconds");
        sim.clock().advance(Duration.ofMillis(1));
        assertEquals(20, okUntilThrottled(() -> ecs.listClusters(), 100));
        sim.clock().advance(Duration.ofSeconds(10));
        assertEquals(50, okUntilThrottled(() -> ecs.listClusters(), 100), "the bucket holds at most its burst");
    }

    @Test
    void categoriesHaveTheirOwnBuckets() {
        start(true);
        assertEquals(50, okUntilThrottled(() -> ecs.listClusters(), 100));
        assertEquals(100, okUntilThrottled(() -> ecs.listTasks(b -> b.cluster("voice")), 120), "cluster resource reads burst 100");
        assertEquals(100, okUntilThrottled(() -> ecs.listServices(b -> b.cluster("voice")), 120), "service reads burst 100");
    }

    /**
     * UpdateContainerInstancesState is in "Cluster resource modify actions" (burst 100): the page's misspelt
     * "UpdateContainerInstancesStates" left it unthrottled.
     */
    @Test
    void updateContainerInstancesStateSharesTheClusterResourceModifyBucket() {
        start(true);
        String ci = ecs.listContainerInstances(b -> b.cluster("voice")).containerInstanceArns().get(0);
        assertEquals(100, okUntilThrottled(() -> ecs.updateContainerInstancesState(b -> b.cluster("voice")
                .containerInstances(ci).status(ContainerInstanceStatus.ACTIVE)), 150));
        assertEquals(0, okUntilThrottled(() -> ecs.stopTask(b -> b.cluster("voice").task("nope")), 5), "same bucket as StopTask");
    }

    /** CloudWatch: GetMetricData 50 and ListMetrics 25 transactions per second ("CloudWatch service quotas"). */
    @Test
    void cloudWatchHasItsDocumentedQuotas() {
        start(true);
        try (CloudWatchClient cw = SimClients.cloudWatch(sim)) {
            int ok = 0;
            for (int i = 0; i < 40; i++) {
                try {
                    cw.listMetrics(b -> b.namespace("AWS/ECS"));
                    ok++;
                } catch (CloudWatchException e) {
                    assertTrue(e.isThrottlingException(), e.awsErrorDetails().errorCode());
                    break;
                }
            }
            assertEquals(25, ok);
            sim.clock().advance(Duration.ofSeconds(1));
            cw.listMetrics(b -> b.namespace("AWS/ECS"));
        }
    }

    @Test
    void offByDefaultInVirtualTests() {
        start(false);
        assertFalse(sim.throttling().enabled());
        assertEquals(200, okUntilThrottled(() -> ecs.listClusters(), 200));
        sim.throttling().setEnabled(true);
        assertEquals(50, okUntilThrottled(() -> ecs.listClusters(), 200));
    }

    @Test
    void injectedThrottlingIsThrottlingToo() {
        start(false);
        sim.faults().set("ecs:ListTasks", new Faults.Rule(1, 0, 0, Duration.ZERO));
        EcsException e = assertThrows(EcsException.class, () -> ecs.listTasks(b -> b.cluster("voice")));
        assertTrue(e.isThrottlingException());
        sim.faults().clear();
        ecs.listTasks(b -> b.cluster("voice"));
    }

    @Test
    void standaloneAndDemoDefaultToThrottlingOn() {
        assertTrue(Simulator.Options.embedded("demo").throttling());
        assertTrue(new Simulator.Options("demo", 0, false, 1.0).throttling());
        assertFalse(Simulator.Options.virtual("demo").throttling());
    }

    @Test
    void tokenBucketRefillsByWholeSecondsUpToBurst() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TokenBucket b = new TokenBucket(3, 2, t0);
        assertTrue(b.tryTake(t0));
        assertTrue(b.tryTake(t0));
        assertTrue(b.tryTake(t0));
        assertFalse(b.tryTake(t0));
        assertFalse(b.tryTake(t0.plusMillis(900)));
        assertTrue(b.tryTake(t0.plusMillis(1000)));
        assertTrue(b.tryTake(t0.plusMillis(1500)));
        assertFalse(b.tryTake(t0.plusMillis(1999)));
        assertEquals(3, b.tokens(t0.plusSeconds(60)));
    }
}

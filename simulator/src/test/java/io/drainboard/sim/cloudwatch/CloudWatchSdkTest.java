package io.drainboard.sim.cloudwatch;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudWatch over RPC v2 CBOR, read through the real CloudWatchClient. */
class CloudWatchSdkTest {
    private Simulator sim;
    private CloudWatchClient cw;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
        cw = SimClients.cloudWatch(sim);
    }

    @AfterEach
    void stop() {
        cw.close();
        sim.close();
    }

    private List<TaskState> tasks(String service) {
        return sim.model().read(m -> new ArrayList<>(m.cluster("voice").orElseThrow().services().get(service).tasks()));
    }

    private static MetricDataQuery sessions(String id, String service, String taskId, String stat) {
        return MetricDataQuery.builder().id(id).metricStat(ms -> ms.period(60).stat(stat).metric(m -> m
                .namespace("Drainboard/Agents").metricName("agent_active_sessions").dimensions(
                        Dimension.builder().name("ClusterName").value("voice").build(),
                        Dimension.builder().name("ServiceName").value(service).build(),
                        Dimension.builder().name("TaskId").value(taskId).build()))).build();
    }

    @Test
    void perTaskSessionsMatchTheCallsSampledEachMinute() {
        Instant t0 = sim.clock().instant();
        List<Integer> expected = new ArrayList<>();
        TaskState task = tasks("agent").get(0);
        for (int i = 0; i < 5; i++) {
            sim.advance(Duration.ofMinutes(1));
            expected.add(sim.model().read(m -> task.calls().size()));
        }
        sim.advance(Duration.ofMinutes(3)); // past the publication delay
        GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0.plusSeconds(60)).endTime(t0.plusSeconds(360))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(sessions("s0", "agent", task.id(), "Maximum")));
        MetricDataResult res = r.metricDataResults().get(0);
        assertEquals("s0", res.id());
        assertEquals(StatusCode.COMPLETE, res.statusCode());
        assertEquals(5, res.timestamps().size());
        assertEquals(t0.plusSeconds(60), res.timestamps().get(0));
        List<Integer> got = res.values().stream().map(Double::intValue).toList();
        assertEquals(expected, got);
        assertNull(r.nextToken());
    }

    @Test
    void newestFirstByDefault() {
        Instant t0 = sim.clock().instant();
        sim.advance(Duration.ofMinutes(10));
        TaskState task = tasks("agent").get(1);
        MetricDataResult res = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(600))
                .metricDataQueries(sessions("a", "agent", task.id(), "Average"))).metricDataResults().get(0);
        assertTrue(res.timestamps().size() >= 2);
        assertTrue(res.timestamps().get(0).isAfter(res.timestamps().get(1)));
    }

    @Test
    void warmUpMinutesAreThereAtStart() {
        Instant t0 = sim.clock().instant();
        TaskState task = tasks("agent").get(0);
        MetricDataResult res = cw.getMetricData(b -> b.startTime(t0.minusSeconds(30 * 60)).endTime(t0)
                .metricDataQueries(sessions("w", "agent", task.id(), "Average"))).metricDataResults().get(0);
        assertTrue(res.timestamps().size() >= 25, "warm-up history: " + res.timestamps().size());
    }

    @Test
    void dataShowsUpOnlyAfterThePublicationDelay() {
        Instant t0 = sim.clock().instant();
        TaskState task = tasks("agent").get(0);
        sim.advance(Duration.ofSeconds(60 + 80)); // minute t0+60 sampled 80 s ago: not yet published
        MetricDataQuery q = sessions("d", "agent", task.id(), "Average");
        assertFalse(cw.getMetricData(b -> b.startTime(t0.plusSeconds(60)).endTime(t0.plusSeconds(120)).metricDataQueries(q))
                .metricDataResults().get(0).hasTimestamps() && !cw.getMetricData(b -> b.startTime(t0.plusSeconds(60))
                .endTime(t0.plusSeconds(120)).metricDataQueries(q)).metricDataResults().get(0).timestamps().isEmpty());
        sim.advance(Duration.ofSeconds(10)); // 90 s after the sample
        assertEquals(1, cw.getMetricData(b -> b.startTime(t0.plusSeconds(60)).endTime(t0.plusSeconds(120))
                .metricDataQueries(q)).metricDataResults().get(0).timestamps().size());
    }

    @Test
    void serviceCpuAndLoadAreAveragesOverTasks() {
        Instant t0 = sim.clock().instant();
        sim.advance(Duration.ofMinutes(4));
        List<TaskState> ts = tasks("agent");
        GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(60))
                .metricDataQueries(
                        MetricDataQuery.builder().id("cpu").metricStat(ms -> ms.period(60).stat("Average").metric(m -> m
                                .namespace("AWS/ECS").metricName("CPUUtilization").dimensions(
                                        Dimension.builder().name("ServiceName").value("agent").build(),
                                        Dimension.builder().name("ClusterName").value("voice").build()))).build(),
                        MetricDataQuery.builder().id("n").metricStat(ms -> ms.period(60).stat("SampleCount").metric(m -> m
                                .namespace("AWS/ECS").metricName("CPUUtilization").dimensions(
                                        Dimension.builder().name("ClusterName").value("voice").build(),
                                        Dimension.builder().name("ServiceName").value("agent").build()))).build()));
        assertEquals(1, r.metricDataResults().get(0).values().size());
        double cpu = r.metricDataResults().get(0).values().get(0);
        assertTrue(cpu >= 3 && cpu <= 88, "cpu " + cpu);
        assertEquals(ts.size(), r.metricDataResults().get(1).values().get(0).intValue());
    }

    @Test
    void periodOf300AggregatesFiveMinutes() {
        Instant t0 = sim.clock().instant();
        sim.advance(Duration.ofMinutes(8));
        TaskState task = tasks("agent").get(0);
        MetricDataResult res = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(300))
                .metricDataQueries(MetricDataQuery.builder().id("p").metricStat(ms -> ms.period(300).stat("SampleCount")
                        .metric(sessions("x", "agent", task.id(), "Average").metricStat().metric())).build()))
                .metricDataResults().get(0);
        assertEquals(List.of(5.0), res.values());
    }

    @Test
    void maxDatapointsPagesWithNextToken() {
        Instant t0 = sim.clock().instant();
        TaskState task = tasks("agent").get(0);
        List<Instant> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String tk = token;
            GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0.minusSeconds(20 * 60)).endTime(t0)
                    .maxDatapoints(7).nextToken(tk).metricDataQueries(sessions("q", "agent", task.id(), "Average")));
            MetricDataResult res = r.metricDataResults().get(0);
            assertTrue(res.timestamps().size() <= 7);
            if (r.nextToken() != null) assertEquals(StatusCode.PARTIAL_DATA, res.statusCode());
            all.addAll(res.timestamps());
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertEquals(19, all.size()); // the minute before now is not published yet (90 s delay)
        assertEquals(3, pages);
        assertEquals(all.stream().distinct().count(), all.size());
    }

    @Test
    void fiveHundredQueriesIsTheLimit() {
        Instant t0 = sim.clock().instant();
        List<MetricDataQuery> qs = new ArrayList<>();
        for (int i = 0; i < 501; i++) qs.add(sessions("q" + i, "agent", "t" + i, "Average"));
        CloudWatchException e = assertThrows(CloudWatchException.class, () -> cw.getMetricData(b -> b
                .startTime(t0.minusSeconds(60)).endTime(t0).metricDataQueries(qs)));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        GetMetricDataResponse ok = cw.getMetricData(b -> b.startTime(t0.minusSeconds(60)).endTime(t0)
                .metricDataQueries(qs.subList(0, 500)));
        assertEquals(500, ok.metricDataResults().size());
    }

    @Test
    void badPeriodIsInvalidParameterValue() {
        Instant t0 = sim.clock().instant();
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> cw.getMetricData(b -> b
                .startTime(t0.minusSeconds(600)).endTime(t0).metricDataQueries(MetricDataQuery.builder().id("a")
                        .metricStat(ms -> ms.period(45).stat("Average").metric(Metric.builder().namespace("AWS/ECS")
                                .metricName("CPUUtilization").build())).build())));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("multiple of 60"), e.getMessage());
    }

    @Test
    void listMetricsFiltersByNamespaceNameAndDimension() {
        ListMetricsResponse r = cw.listMetrics(b -> b.namespace("Drainboard/Agents").metricName("agent_active_sessions")
                .dimensions(DimensionFilter.builder().name("ServiceName").value("dialer").build()));
        assertEquals(3, r.metrics().size());
        for (Metric m : r.metrics()) {
            assertEquals(List.of("ClusterName", "ServiceName", "TaskId"), m.dimensions().stream().map(Dimension::name).toList());
        }
        assertEquals(4, cw.listMetrics(b -> b.namespace("AWS/ECS")).metrics().size(), "CPU and memory of each service");
        assertEquals(9, cw.listMetrics(b -> b.namespace("Drainboard/Agents")).metrics().size());
        assertEquals(0, cw.listMetrics(b -> b.namespace("Nope")).metrics().size());
    }

    @Test
    void throttlingIsSeenAsThrottlingBySdk() {
        sim.faults().set("cloudwatch:ListMetrics", new io.drainboard.sim.http.Faults.Rule(1, 0, 0, Duration.ZERO));
        CloudWatchException e = assertThrows(CloudWatchException.class, () -> cw.listMetrics(b -> b.namespace("AWS/ECS")));
        assertTrue(e.isThrottlingException(), e.awsErrorDetails().errorCode());
        assertEquals(1, sim.requests().count("cloudwatch", "ListMetrics"));
    }
}

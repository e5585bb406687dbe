package io.drainboard.sim.autoscaling;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.Offers;
import io.drainboard.sim.model.SelfProtection;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaling policies beyond the default target tracking, through the real SDK clients: predefined CPU target
 * tracking (and the CPU model that makes it miss calls), step scaling driven by a CloudWatch alarm, scheduled
 * actions; and the model's call offers with patience, worker warm-up and worker self-protection.
 */
class ScalingPoliciesSdkTest {
    private static final String AGENT = "service/voice/agent";
    private Simulator sim;
    private ApplicationAutoScalingClient aas;
    private CloudWatchClient cw;

    @BeforeEach
    void start() {
        sim = Simulator.start(Simulator.Options.virtual(SimClients.testScenario("small-fleet")).withAutoscaling(true));
        aas = SimClients.appAutoScaling(sim);
        cw = SimClients.cloudWatch(sim);
    }

    @AfterEach
    void stop() {
        aas.close();
        cw.close();
        sim.close();
    }

    private ServiceState agent() {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
    }

    private int desired() {
        return sim.model().read(m -> agent().desiredCount());
    }

    private void replaceDefault() {
        aas.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName(ScalingDefaults.POLICY_NAME));
    }

    @Test
    void cpuTargetTrackingNeverScalesOutWhileEveryWorkerIsFull() {
        replaceDefault();
        aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("cpu")
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("ECSServiceAverageCPUUtilization"))));
        FleetModel model = sim.model();
        model.read(m -> {
            m.setArrivalRate(agent(), 1.0); // far more than 4 tasks × 4 calls can hold
            return null;
        });
        sim.advance(Duration.ofMinutes(30));
        assertEquals(4, desired(), "CPU stays under 50 % with every worker full, so nothing scales");
        ScalingPolicy p = aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT))
                .scalingPolicies().get(0);
        assertEquals("ECSServiceAverageCPUUtilization",
                p.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().predefinedMetricTypeAsString());
        List<MetricAlarm> alarms = cw.describeAlarms(b -> b.alarmNamePrefix("TargetTracking-" + AGENT)).metricAlarms();
        assertEquals(2, alarms.size());
        MetricAlarm low = alarms.stream().filter(a -> a.alarmName().contains("AlarmLow")).findFirst().orElseThrow();
        assertEquals(15, low.evaluationPeriods());
        assertEquals(45.0, low.threshold(), 1e-9);
        assertEquals("CPUUtilization", low.metricName());
    }

    @Test
    void stepPolicyScalesOutWhenItsAlarmFiresAndHonoursTheCooldownOnScaleIn() {
        replaceDefault();
        String out = aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("sessions-out")
                .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(c -> c
                        .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(60)
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).metricIntervalUpperBound(0.15).scalingAdjustment(1),
                                s -> s.metricIntervalLowerBound(0.15).scalingAdjustment(3)))).policyARN();
        cw.putMetricAlarm(b -> b.alarmName("agent-sessions-high").namespace("Drainboard/Agents")
                .metricName("agent_worker_load").dimensions(d -> d.name("ClusterName").value("voice"),
                        d -> d.name("ServiceName").value("agent"))
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).threshold(0.7)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(out));
        sim.model().read(m -> {
            m.setArrivalRate(agent(), 1.0);
            return null;
        });
        sim.advance(Duration.ofMinutes(10));
        assertTrue(desired() > 4, "the alarm fired and the step added tasks: " + desired());
        assertEquals(StateValue.ALARM, cw.describeAlarms(b -> b.alarmNames("agent-sessions-high")).metricAlarms().get(0)
                .stateValue());
        ScalingPolicy p = aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .policyNames("sessions-out")).scalingPolicies().get(0);
        assertEquals("agent-sessions-high", p.alarms().get(0).alarmName());
        assertEquals(60, p.stepScalingPolicyConfiguration().cooldown());
        assertTrue(sim.scalableTargets().activities().stream().anyMatch(a -> a.cause().contains("sessions-out")));
    }

    @Test
    void scheduledActionsAreKeptAndDescribed() {
        aas.putScheduledAction(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("monday")
                .schedule("cron(0 7 ? * MON *)").scalableTargetAction(a -> a.minCapacity(8)));
        var a = aas.describeScheduledActions(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT))
                .scheduledActions();
        assertEquals(1, a.size());
        assertEquals(8, a.get(0).scalableTargetAction().minCapacity());
        assertThrows(ObjectNotFoundException.class, () -> aas.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(AGENT).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName("nope")));
    }

    @Test
    void offeredCallsWaitForAWarmingWorkerThenAreRefusedAndAreCountedWhileTheyWait() {
        FleetModel model = sim.model();
        ServiceState s = agent();
        model.read(m -> {
            m.setArrivalRate(s, 0);
            m.setWorkerWarmup(s, Duration.ofMinutes(2));
            return null;
        });
        sim.advance(Duration.ofHours(1)); // the warm-up's calls end
        model.read(m -> {
            for (int i = 0; i < 16; i++) m.offerCall(s, Duration.ofHours(1), Duration.ofSeconds(30)); // fills 4 × 4
            m.setDesiredCount(s, 5);
            m.offerCall(s, Duration.ofMinutes(5), Duration.ofMinutes(10)); // waits for the new task's warm-up
            m.offerCall(s, Duration.ofMinutes(5), Duration.ofSeconds(20)); // gives up first
            return null;
        });
        assertEquals(2, model.waitingCallers(s), "both find every worker full and wait");
        sim.advance(Duration.ofSeconds(25));
        assertEquals(1, model.waitingCallers(s), "one gave up after 20 s");
        sim.advance(Duration.ofMinutes(5));
        assertEquals(0, model.waitingCallers(s), "the other was served once the new worker warmed up");
        Offers.Snapshot o = model.offers(s);
        assertEquals(18, o.offered());
        assertEquals(1, o.refused());
        assertEquals(17, o.served());
        assertEquals(1, o.waitedLongerThan(60), "the call waited for start-up plus 2 min of warm-up");
    }

    @Test
    void aSelfProtectingWorkerKeepsItsBusyTaskThroughScaleInAndReleasesItWhenIdle() {
        FleetModel model = sim.model();
        ServiceState s = agent();
        model.read(m -> {
            m.setArrivalRate(s, 0);
            m.selfProtect(s, SelfProtection.Settings.DEFAULT);
            return null;
        });
        sim.advance(Duration.ofHours(1));
        TaskState busy = model.read(m -> s.tasks().get(0));
        model.read(m -> {
            m.startCall(busy, m.now(), Duration.ofMinutes(20));
            return null;
        });
        assertTrue(model.<Boolean>read(m -> busy.isProtected()).booleanValue());
        model.read(m -> {
            m.setDesiredCount(s, 0);
            return null;
        });
        sim.advance(Duration.ofMinutes(10));
        assertFalse(model.<Boolean>read(m -> "STOPPED".equals(busy.desiredStatus())).booleanValue(), "protected while its call runs");
        sim.advance(Duration.ofMinutes(15)); // call ends at 20 min, released 2 min later, then stopped
        assertTrue(model.<Boolean>read(m -> "STOPPED".equals(busy.desiredStatus())).booleanValue());
        assertEquals(0, model.groundTruth().callsCut());
    }
}

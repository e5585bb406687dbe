package io.drainboard.sim.autoscaling;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Application Auto Scaling over awsJson1_1 through the real ApplicationAutoScalingClient. */
class AppAutoScalingSdkTest {
    private static final String AGENT = "service/voice/agent";
    private Simulator sim;
    private ApplicationAutoScalingClient aas;

    @BeforeEach
    void start() {
        sim = Simulator.start(Simulator.Options.virtual(SimClients.testScenario("small-fleet")).withAutoscaling(true));
        aas = SimClients.appAutoScaling(sim);
    }

    @AfterEach
    void stop() {
        aas.close();
        sim.close();
    }

    private int desired(String service) {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get(service).desiredCount());
    }

    private ScalableTarget target(String resourceId) {
        return aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
                .scalableTargets().get(0);
    }

    @Test
    void everyScenarioServiceHasADefaultTargetAndPolicy() {
        DescribeScalableTargetsResponse r = aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS));
        assertEquals(List.of("service/voice/agent", "service/voice/dialer"),
                r.scalableTargets().stream().map(ScalableTarget::resourceId).toList());
        ScalableTarget t = r.scalableTargets().get(0);
        assertEquals(ScalableDimension.ECS_SERVICE_DESIRED_COUNT, t.scalableDimension());
        assertEquals(4, t.minCapacity());
        assertEquals(8, t.maxCapacity());
        assertFalse(t.suspendedState().dynamicScalingInSuspended());
        assertTrue(t.roleARN().endsWith("AWSServiceRoleForApplicationAutoScaling_ECSService"));
        assertTrue(t.scalableTargetARN().startsWith("arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/"));
        assertEquals(sim.clock().instant(), t.creationTime());

        ScalingPolicy p = aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT))
                .scalingPolicies().get(0);
        assertEquals("TargetTrackingScaling", p.policyTypeAsString());
        assertEquals(0.75, p.targetTrackingScalingPolicyConfiguration().targetValue());
        assertEquals("agent_worker_load", p.targetTrackingScalingPolicyConfiguration().customizedMetricSpecification().metricName());
        assertEquals(300, p.targetTrackingScalingPolicyConfiguration().scaleInCooldown());
        assertEquals(2, p.alarms().size());
        assertTrue(p.alarms().get(0).alarmName().startsWith("TargetTracking-service/voice/agent-AlarmHigh-"));
    }

    @Test
    void otherNamespacesHaveNoTargetsAndUnknownOnesAreRefused() {
        assertEquals(0, aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)).scalableTargets().size());
        ApplicationAutoScalingException e = assertThrows(ApplicationAutoScalingException.class,
                () -> aas.describeScalableTargets(b -> b.serviceNamespace("bogus")));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void registerUpdatesOnlyTheGivenFieldsAndKeepsSuspendedState() {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .suspendedState(s -> s.dynamicScalingInSuspended(true)));
        ScalableTarget t = target(AGENT);
        assertTrue(t.suspendedState().dynamicScalingInSuspended());
        assertFalse(t.suspendedState().dynamicScalingOutSuspended());
        assertEquals(4, t.minCapacity());
        assertEquals(8, t.maxCapacity());
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).maxCapacity(12)
                .suspendedState(s -> s.scheduledScalingSuspended(true)));
        t = target(AGENT);
        assertEquals(12, t.maxCapacity());
        assertTrue(t.suspendedState().dynamicScalingInSuspended(), "kept from the earlier call");
        assertTrue(t.suspendedState().scheduledScalingSuspended());
    }

    @Test
    void registeringARangeMovesDesiredCountInsideIt() {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(6).maxCapacity(10));
        assertEquals(6, desired("agent"));
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(2));
        assertEquals(2, desired("agent"));
    }

    @Test
    void validationErrors() {
        ValidationException minOverMax = assertThrows(ValidationException.class, () -> aas.registerScalableTarget(b -> b
                .serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(5).maxCapacity(2)));
        assertEquals(400, minOverMax.statusCode());
        assertThrows(ValidationException.class, () -> aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/voice/nope").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(1).maxCapacity(2)));
        assertThrows(ValidationException.class, () -> aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(AGENT).scalableDimension(ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS)));
        assertThrows(ValidationException.class, () -> aas.describeScalableTargets(b -> b
                .serviceNamespace(ServiceNamespace.ECS).maxResults(51)));
    }

    @Test
    void aNewTargetNeedsMinAndMax() {
        sim.model().read(m -> {
            m.addService(m.cluster("voice").orElseThrow(), "extra", "FARGATE",
                    m.cluster("voice").orElseThrow().services().get("agent").taskDefinitionArn(), 0,
                    m.cluster("voice").orElseThrow().services().get("agent").worker(),
                    m.cluster("voice").orElseThrow().services().get("agent").durations(), 0, List.of("us-east-1a"), false);
            return null;
        });
        ValidationException e = assertThrows(ValidationException.class, () -> aas.registerScalableTarget(b -> b
                .serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/extra")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
        assertTrue(e.getMessage().contains("MinCapacity and MaxCapacity are required"), e.getMessage());
        String arn = aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/extra")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(0).maxCapacity(3)).scalableTargetARN();
        assertNotNull(arn);
        assertEquals(3, aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalableTargets().size());
    }

    @Test
    void pagesWithMaxResultsAndNextToken() {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeScalableTargetsResponse r = aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)
                    .maxResults(1).nextToken(t));
            assertEquals(1, r.scalableTargets().size());
            r.scalableTargets().forEach(x -> ids.add(x.resourceId()));
            token = r.nextToken();
        } while (token != null);
        assertEquals(List.of("service/voice/agent", "service/voice/dialer"), ids);
        assertEquals(2, aas.describeScalableTargetsPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS).maxResults(1))
                .scalableTargets().stream().count());
    }

    /** Triples the offered traffic on the agent service: its mean worker load goes past the 0.75 target. */
    private void surge() {
        sim.model().read(m -> {
            ServiceState s = m.cluster("voice").orElseThrow().services().get("agent");
            m.setArrivalRate(s, s.arrivalRatePerSecond() * 3);
            return null;
        });
    }

    @Test
    void targetTrackingScalesOutOnHighLoadWithinMax() {
        surge();
        sim.advance(Duration.ofMinutes(12));
        assertTrue(desired("agent") > 4, "scaled out to " + desired("agent"));
        assertTrue(desired("agent") <= 8);
        assertFalse(sim.scalableTargets().activities().isEmpty());
        assertTrue(sim.scalableTargets().activities().get(0).cause().contains("AlarmHigh"));
    }

    @Test
    void scaleOutSuspendedNeverRaisesDesired() {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .suspendedState(s -> s.dynamicScalingOutSuspended(true)));
        surge();
        sim.advance(Duration.ofMinutes(12));
        assertEquals(4, desired("agent"));
    }

    @Test
    void scaleInWaitsForFifteenLowMinutesAndStopsAtMin() {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(8));
        sim.model().read(m -> {
            m.setArrivalRate(m.cluster("voice").orElseThrow().services().get("agent"), 0);
            return null;
        });
        sim.advance(Duration.ofMinutes(10));
        assertEquals(4, desired("agent"), "fewer than 15 low datapoints so far");
        sim.advance(Duration.ofMinutes(60));
        assertTrue(desired("agent") < 4, "scaled in to " + desired("agent"));
        assertTrue(desired("agent") >= 1);
    }

    @Test
    void scaleInSuspendedNeverLowersDesired() {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(8)
                .suspendedState(s -> s.dynamicScalingInSuspended(true)));
        sim.model().read(m -> {
            m.setArrivalRate(m.cluster("voice").orElseThrow().services().get("agent"), 0);
            return null;
        });
        sim.advance(Duration.ofMinutes(90));
        assertEquals(4, desired("agent"));
    }

    @Test
    void virtualTestsDoNotScaleUnlessAsked() {
        sim.close();
        sim = SimClients.virtualTestScenario("small-fleet");
        aas.close();
        aas = SimClients.appAutoScaling(sim);
        surge();
        sim.advance(Duration.ofMinutes(12));
        assertEquals(4, desired("agent"));
        assertEquals(2, aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalableTargets().size());
    }

    @Test
    void cooldownSpacesScaleOuts() {
        sim.model().read(m -> {
            ServiceState s = m.cluster("voice").orElseThrow().services().get("agent");
            m.setArrivalRate(s, s.arrivalRatePerSecond() * 6);
            return null;
        });
        sim.advance(Duration.ofMinutes(30));
        List<ScalableTargets.Activity> outs = sim.scalableTargets().activities().stream()
                .filter(a -> a.resourceId().equals(AGENT) && a.to() > a.from()).toList();
        assertFalse(outs.isEmpty());
        for (int i = 1; i < outs.size(); i++) {
            assertTrue(!outs.get(i).at().isBefore(outs.get(i - 1).at().plusSeconds(300)), "cooldown between " + outs);
        }
    }
}

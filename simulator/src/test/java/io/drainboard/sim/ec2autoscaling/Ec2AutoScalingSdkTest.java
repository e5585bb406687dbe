package io.drainboard.sim.ec2autoscaling;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.SimClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EC2 Auto Scaling over awsQuery through the real AutoScalingClient. */
class Ec2AutoScalingSdkTest {
    private static final String GROUP = "voice-asg";
    private Simulator sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
        asg = SimClients.autoScaling(sim);
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    private AutoScalingGroup group() {
        return asg.describeAutoScalingGroups(b -> b.autoScalingGroupNames(GROUP)).autoScalingGroups().get(0);
    }

    private Map<String, Instance> instances() {
        return group().instances().stream().collect(Collectors.toMap(Instance::instanceId, i -> i));
    }

    @Test
    void oneGroupPerClusterWithItsInstances() {
        List<AutoScalingGroup> all = asg.describeAutoScalingGroups().autoScalingGroups();
        assertEquals(List.of(GROUP), all.stream().map(AutoScalingGroup::autoScalingGroupName).toList());
        AutoScalingGroup g = all.get(0);
        assertEquals(3, g.desiredCapacity());
        assertEquals(0, g.minSize());
        assertEquals(6, g.maxSize());
        assertEquals(List.of("us-east-1a", "us-east-1b"), g.availabilityZones());
        assertEquals(3, g.instances().size());
        for (Instance i : g.instances()) {
            assertTrue(i.instanceId().startsWith("i-"));
            assertEquals("InService", i.lifecycleStateAsString());
            assertEquals("Healthy", i.healthStatus());
            assertFalse(i.protectedFromScaleIn());
            assertEquals("c6i.xlarge", i.instanceType());
        }
        List<String> modelIds = sim.model().read(m -> m.cluster("voice").orElseThrow().instances().values().stream()
                .map(ci -> ci.ec2InstanceId()).toList());
        assertEquals(modelIds, g.instances().stream().map(Instance::instanceId).toList());
        assertEquals(0, asg.describeAutoScalingGroups(b -> b.autoScalingGroupNames("nope")).autoScalingGroups().size());
    }

    @Test
    void setInstanceProtectionShowsUpAndIsKeptWithTheInstance() {
        String id = group().instances().get(0).instanceId();
        asg.setInstanceProtection(b -> b.autoScalingGroupName(GROUP).instanceIds(id).protectedFromScaleIn(true));
        assertTrue(instances().get(id).protectedFromScaleIn());
        assertTrue(sim.model().<Boolean>read(m -> m.containerInstanceByEc2Id(id).orElseThrow().protectedFromScaleIn()));
        asg.setInstanceProtection(b -> b.autoScalingGroupName(GROUP).instanceIds(id).protectedFromScaleIn(false));
        assertFalse(instances().get(id).protectedFromScaleIn());
    }

    @Test
    void protectingAnInstanceOfAnotherGroupIsAValidationError() {
        AutoScalingException e = assertThrows(AutoScalingException.class, () -> asg.setInstanceProtection(b -> b
                .autoScalingGroupName(GROUP).instanceIds("i-0000000000000000").protectedFromScaleIn(true)));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("is not part of Auto Scaling group voice-asg"), e.getMessage());
        AutoScalingException missing = assertThrows(AutoScalingException.class, () -> asg.setInstanceProtection(b -> b
                .autoScalingGroupName("nope").instanceIds("i-1").protectedFromScaleIn(true)));
        assertEquals("ValidationError", missing.awsErrorDetails().errorCode());
    }

    @Test
    void errorBodyIsTheAwsQueryErrorResponse() throws Exception {
        String form = "Action=SetInstanceProtection&Version=2011-01-01&AutoScalingGroupName=voice-asg"
                + "&InstanceIds.member.1=i-x&ProtectedFromScaleIn=true";
        SimClients.Reply r = SimClients.send(sim, HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(400, r.status());
        assertTrue(r.body().startsWith("<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                + "<Error><Type>Sender</Type><Code>ValidationError</Code><Message>"), r.body());
        assertTrue(r.body().contains("</Error><RequestId>"), r.body());
    }

    @Test
    void lifecycleHooksShowHeartbeatAndGlobalTimeout() {
        assertEquals(0, asg.describeLifecycleHooks(b -> b.autoScalingGroupName(GROUP)).lifecycleHooks().size());
        sim.autoScalingGroups().putLifecycleHook(GROUP, new io.drainboard.sim.ec2autoscaling.LifecycleHook("drain",
                io.drainboard.sim.ec2autoscaling.LifecycleHook.TERMINATING, Duration.ofSeconds(900), "CONTINUE"));
        LifecycleHook h = asg.describeLifecycleHooks(b -> b.autoScalingGroupName(GROUP)).lifecycleHooks().get(0);
        assertEquals("drain", h.lifecycleHookName());
        assertEquals("autoscaling:EC2_INSTANCE_TERMINATING", h.lifecycleTransition());
        assertEquals(900, h.heartbeatTimeout());
        assertEquals(90_000, h.globalTimeout()); // 100 × heartbeat, under the 48 h cap
        assertEquals("CONTINUE", h.defaultResult());
        assertEquals(0, asg.describeLifecycleHooks(b -> b.autoScalingGroupName(GROUP).lifecycleHookNames("other"))
                .lifecycleHooks().size());
        assertEquals(172_800, new io.drainboard.sim.ec2autoscaling.LifecycleHook("x", "t", Duration.ofSeconds(7200), "ABANDON")
                .globalTimeout().toSeconds());
        assertThrows(AutoScalingException.class, () -> asg.describeLifecycleHooks(b -> b.autoScalingGroupName("nope")));
    }

    @Test
    void scaleInTerminatesAnUnprotectedInstanceAndCutsItsCalls() {
        Map<String, Instance> before = instances();
        // Protect the two instances in us-east-1a: the scale-in must take the one in us-east-1b.
        List<String> protectedIds = before.values().stream().filter(i -> i.availabilityZone().equals("us-east-1a"))
                .map(Instance::instanceId).toList();
        asg.setInstanceProtection(b -> b.autoScalingGroupName(GROUP).instanceIds(protectedIds).protectedFromScaleIn(true));
        String victim = before.values().stream().filter(i -> i.availabilityZone().equals("us-east-1b")).findFirst()
                .orElseThrow().instanceId();
        int callsOnVictim = sim.model().read(m -> m.tasksOn(m.containerInstanceByEc2Id(victim).orElseThrow()).stream()
                .mapToInt(t -> t.calls().size()).sum());
        long cutBefore = sim.groundTruth().callsCut();

        AutoScalingGroups.ScaleIn r = sim.autoScalingGroups().scaleIn(GROUP);
        assertEquals(victim, r.instanceId());
        assertEquals(callsOnVictim, r.callsCut());
        assertEquals(cutBefore + callsOnVictim, sim.groundTruth().callsCut());
        assertEquals(2, group().desiredCapacity());
        assertFalse(instances().containsKey(victim));

        AutoScalingGroups.ScaleIn none = sim.autoScalingGroups().scaleIn(GROUP);
        assertNull(none.instanceId(), "both remaining instances are protected");
        assertTrue(none.message().contains("protected"), none.message());
        assertEquals(2, instances().size());
    }

    @Test
    void scaleInPicksTheAzWithMostInstances() {
        AutoScalingGroups.ScaleIn r = sim.autoScalingGroups().scaleIn(GROUP);
        assertEquals("us-east-1a", sim.model().read(m -> m.containerInstanceByEc2Id(r.instanceId()).orElseThrow()
                .availabilityZone()));
    }

    @Test
    void withATerminationHookTheInstanceWaitsForTheHeartbeatTimeout() {
        sim.autoScalingGroups().putLifecycleHook(GROUP, new io.drainboard.sim.ec2autoscaling.LifecycleHook("drain",
                io.drainboard.sim.ec2autoscaling.LifecycleHook.TERMINATING, Duration.ofSeconds(600), "ABANDON"));
        AutoScalingGroups.ScaleIn r = sim.autoScalingGroups().scaleIn(GROUP);
        assertEquals("Terminating:Wait", r.lifecycleState());
        assertEquals("Terminating:Wait", instances().get(r.instanceId()).lifecycleStateAsString());
        sim.advance(Duration.ofSeconds(540));
        assertTrue(instances().containsKey(r.instanceId()), "still waiting");
        assertEquals("ACTIVE", sim.model().read(m -> m.containerInstanceByEc2Id(r.instanceId()).orElseThrow().status()));
        sim.advance(Duration.ofSeconds(120));
        assertFalse(instances().containsKey(r.instanceId()));
        assertEquals("INACTIVE", sim.model().read(m -> m.containerInstanceByEc2Id(r.instanceId()).orElseThrow().status()));
    }

    @Test
    void throttlingIsSeenAsThrottlingBySdk() {
        sim.faults().set("autoscaling:DescribeAutoScalingGroups", new Faults.Rule(1, 0, 0, Duration.ZERO));
        AutoScalingException e = assertThrows(AutoScalingException.class, () -> asg.describeAutoScalingGroups());
        assertTrue(e.isThrottlingException());
        assertEquals("Throttling", e.awsErrorDetails().errorCode());
        assertEquals(1, sim.requests().count("autoscaling", "DescribeAutoScalingGroups"));
    }

    @Test
    void maxRecordsIsAtMost100() {
        AutoScalingException e = assertThrows(AutoScalingException.class, () -> asg.describeAutoScalingGroups(b -> b.maxRecords(101)));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals(1, asg.describeAutoScalingGroups(b -> b.maxRecords(100)).autoScalingGroups().size());
    }

    @Test
    void setDesiredCapacityScalesInTerminatingAnUnprotectedInstanceAndCuttingItsCalls() {
        long cutBefore = sim.groundTruth().callsCut();
        Map<String, Integer> callsOn = sim.model().read(m -> m.cluster("voice").orElseThrow().instances().values().stream()
                .collect(Collectors.toMap(ci -> ci.ec2InstanceId(),
                        ci -> m.tasksOn(ci).stream().mapToInt(t -> t.calls().size()).sum())));
        asg.setDesiredCapacity(b -> b.autoScalingGroupName(GROUP).desiredCapacity(2).honorCooldown(false));
        assertEquals(2, group().desiredCapacity());
        assertEquals(2, group().instances().size(), "one instance was terminated");
        String gone = callsOn.keySet().stream().filter(id -> !instances().containsKey(id)).findFirst().orElseThrow();
        assertEquals(cutBefore + callsOn.get(gone), sim.groundTruth().callsCut(), "its calls were cut: " + callsOn);
        AutoScalingException below = assertThrows(AutoScalingException.class, () -> asg.setDesiredCapacity(b -> b
                .autoScalingGroupName(GROUP).desiredCapacity(7)));
        assertEquals("ValidationError", below.awsErrorDetails().errorCode());
        assertTrue(below.getMessage().contains("above max value 6"), below.getMessage());
    }

    @Test
    void protectedInstancesStayUntilReleasedThenTheLoweredCapacityTakesThem() {
        List<String> ids = group().instances().stream().map(Instance::instanceId).toList();
        asg.setInstanceProtection(b -> b.autoScalingGroupName(GROUP).instanceIds(ids).protectedFromScaleIn(true));
        long cutBefore = sim.groundTruth().callsCut();
        asg.setDesiredCapacity(b -> b.autoScalingGroupName(GROUP).desiredCapacity(1));
        assertEquals(1, group().desiredCapacity(), "desired capacity is lowered even though nothing can leave");
        assertEquals(3, group().instances().size(), "every instance is protected: none terminated");
        assertEquals(cutBefore, sim.groundTruth().callsCut());
        asg.setInstanceProtection(b -> b.autoScalingGroupName(GROUP).instanceIds(ids.get(0)).protectedFromScaleIn(false));
        assertEquals(2, group().instances().size(), "the released instance left on the group's next pass");
        assertFalse(instances().containsKey(ids.get(0)));
    }

    @Test
    void describeAutoScalingInstancesNamesTheGroupStateAndProtection() {
        List<String> ids = group().instances().stream().map(Instance::instanceId).toList();
        asg.setInstanceProtection(b -> b.autoScalingGroupName(GROUP).instanceIds(ids.get(1)).protectedFromScaleIn(true));
        var all = asg.describeAutoScalingInstances().autoScalingInstances();
        assertEquals(ids, all.stream().map(i -> i.instanceId()).toList());
        var one = asg.describeAutoScalingInstances(b -> b.instanceIds(ids.get(1), "i-0000000000000000"))
                .autoScalingInstances();
        assertEquals(1, one.size(), "an id of no group is left out");
        assertEquals(GROUP, one.get(0).autoScalingGroupName());
        assertEquals("InService", one.get(0).lifecycleState());
        assertEquals("HEALTHY", one.get(0).healthStatus());
        assertTrue(one.get(0).protectedFromScaleIn());
        var page = asg.describeAutoScalingInstances(b -> b.maxRecords(2));
        assertEquals(2, page.autoScalingInstances().size());
        assertEquals(ids.get(2), asg.describeAutoScalingInstances(b -> b.maxRecords(2).nextToken(page.nextToken()))
                .autoScalingInstances().get(0).instanceId());
        assertThrows(AutoScalingException.class, () -> asg.describeAutoScalingInstances(b -> b.maxRecords(51)));
    }
}

package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ServiceEvent;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsServicesTest {
    private static final String SVC = "arn:aws:ecs:us-east-1:123456789012:service/voice-prod/";
    @RegisterExtension
    static final EcsSimulator SIM = EcsSimulator.demo();
    private final Simulator sim = SIM.simulator();
    private final EcsClient ecs = SIM.ecs();

    @Test
    void listsServicesOfACluster() {
        assertEquals(List.of(SVC + "support-agent", SVC + "sales-agent", SVC + "outbound-dialer"),
                ecs.listServices(b -> b.cluster("voice-prod")).serviceArns());
        assertEquals(List.of(SVC + "outbound-dialer"),
                ecs.listServices(b -> b.cluster("voice-prod").launchType(LaunchType.EC2)).serviceArns());
    }

    @Test
    void describesAFargateServiceAsEcsDoes() {
        Service s = ecs.describeServices(b -> b.cluster("voice-prod").services("support-agent")).services().get(0);
        ServiceState model = sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("support-agent"));
        assertEquals(SVC + "support-agent", s.serviceArn());
        assertEquals("support-agent", s.serviceName());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/voice-prod", s.clusterArn());
        assertEquals("ACTIVE", s.status());
        assertEquals(10, s.desiredCount());
        assertEquals(10, s.runningCount());
        assertEquals(0, s.pendingCount());
        assertEquals(LaunchType.FARGATE, s.launchType());
        assertEquals("LATEST", s.platformVersion());
        assertEquals("Linux", s.platformFamily());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41", s.taskDefinition());
        assertEquals(100, s.deploymentConfiguration().minimumHealthyPercent());
        assertEquals(200, s.deploymentConfiguration().maximumPercent());
        assertFalse(s.deploymentConfiguration().deploymentCircuitBreaker().enable());
        assertFalse(s.deploymentConfiguration().deploymentCircuitBreaker().rollback());
        assertEquals("REPLICA", s.schedulingStrategyAsString());
        assertEquals("ECS", s.deploymentController().typeAsString());
        assertTrue(s.enableExecuteCommand());
        assertEquals(model.createdAt().truncatedTo(ChronoUnit.MILLIS), s.createdAt());
        assertEquals(3, s.networkConfiguration().awsvpcConfiguration().subnets().size());
        assertEquals("DISABLED", s.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString());

        Deployment d = s.deployments().get(0);
        assertEquals(model.deployments().get(0).id(), d.id());
        assertTrue(d.id().startsWith("ecs-svc/"));
        assertEquals("PRIMARY", d.status());
        assertEquals(10, d.desiredCount());
        assertEquals(10, d.runningCount());
        assertEquals(0, d.pendingCount());
        assertEquals(0, d.failedTasks());
        assertEquals("COMPLETED", d.rolloutStateAsString());
        assertEquals(model.deployments().get(0).rolloutStateReason(), d.rolloutStateReason());
        assertEquals("1.4.0", d.platformVersion());

        ServiceEvent steady = model.events().get(0);
        assertEquals(steady.id(), s.events().get(0).id());
        assertEquals(steady.message(), s.events().get(0).message());
        assertEquals(steady.createdAt().truncatedTo(ChronoUnit.MILLIS), s.events().get(0).createdAt());
    }

    @Test
    void eventsComeNewestFirstAndAtMostAHundred() {
        Instant base = sim.clock().instant();
        ServiceState s = sim.model().read(m -> m.cluster("voice-staging").orElseThrow().services().get("transcriber"));
        for (int i = 0; i < 130; i++) sim.model().addServiceEvent(s, base.plusSeconds(i), "event " + i);
        sim.clock().advance(Duration.ofMinutes(3));
        List<software.amazon.awssdk.services.ecs.model.ServiceEvent> events = ecs.describeServices(
                b -> b.cluster("voice-staging").services("transcriber")).services().get(0).events();
        assertEquals(100, events.size());
        assertEquals("event 129", events.get(0).message());
        assertEquals("event 30", events.get(99).message());
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).createdAt().isAfter(events.get(i - 1).createdAt()));
        }
    }

    @Test
    void ec2ServiceInBridgeModeHasNoNetworkConfiguration() {
        Service s = ecs.describeServices(b -> b.cluster("voice-prod").services(SVC + "outbound-dialer")
                .include(ServiceField.TAGS)).services().get(0);
        assertEquals(LaunchType.EC2, s.launchType());
        assertNull(s.networkConfiguration());
        assertNull(s.platformVersion());
        assertTrue(s.hasTags() && s.tags().isEmpty());
    }

    @Test
    void unknownServicesAreMissingFailures() {
        DescribeServicesResponse r = ecs.describeServices(b -> b.cluster("voice-prod").services("support-agent", "ghost"));
        assertEquals(1, r.services().size());
        assertEquals(SVC + "ghost", r.failures().get(0).arn());
        assertEquals("MISSING", r.failures().get(0).reason());
    }

    @Test
    void atMostTenServicesPerCall() {
        List<String> eleven = Collections.nCopies(11, "support-agent");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecs.describeServices(b -> b.cluster("voice-prod").services(eleven)));
        assertEquals("service names can have at most 10 items.", e.awsErrorDetails().errorMessage());
        assertThrows(InvalidParameterException.class, () -> ecs.describeServices(b -> b.cluster("voice-prod")));
        assertThrows(InvalidParameterException.class, () -> ecs.listServices(b -> b.cluster("voice-prod").maxResults(101)));
    }
}

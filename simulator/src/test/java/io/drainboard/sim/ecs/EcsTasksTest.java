package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ContainerInstanceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsTasksTest {
    private Simulator sim;
    private EcsClient ecs;

    @BeforeAll
    void start() {
        sim = EcsTestSupport.start("demo");
        ecs = EcsTestSupport.client(sim);
    }

    @AfterAll
    void stop() {
        ecs.close();
        sim.close();
    }

    private List<String> modelTaskArns(String cluster, String service) {
        return sim.model().read(m -> m.cluster(cluster).orElseThrow().services().get(service).tasks()
                .stream().map(TaskState::arn).toList());
    }

    @Test
    void listsEveryRunningTaskOfTheDemo() {
        List<String> all = new ArrayList<>();
        for (String cluster : List.of("voice-prod", "voice-staging")) {
            ecs.listTasksPaginator(b -> b.cluster(cluster)).taskArns().forEach(all::add);
        }
        assertEquals(29, all.size());
        assertEquals(29, new HashSet<>(all).size());
        assertEquals(modelTaskArns("voice-prod", "support-agent"),
                ecs.listTasks(b -> b.cluster("voice-prod").serviceName("support-agent")).taskArns());
    }

    @Test
    void filtersByFamilyLaunchTypeStartedByInstanceAndDesiredStatus() {
        assertEquals(6, ecs.listTasks(b -> b.cluster("voice-prod").family("sales-agent")).taskArns().size());
        assertEquals(6, ecs.listTasks(b -> b.cluster("voice-prod").launchType(LaunchType.EC2)).taskArns().size());
        assertEquals(0, ecs.listTasks(b -> b.cluster("voice-prod").desiredStatus(DesiredStatus.STOPPED)).taskArns().size());
        assertEquals(0, ecs.listTasks(b -> b.cluster("voice-prod").desiredStatus(DesiredStatus.PENDING)).taskArns().size());
        String deployment = sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("sales-agent")
                .deployments().get(0).id());
        assertEquals(modelTaskArns("voice-prod", "sales-agent"),
                ecs.listTasks(b -> b.cluster("voice-prod").startedBy(deployment)).taskArns());
        int onInstances = 0;
        for (String ci : ecs.listContainerInstances(b -> b.cluster("voice-prod")).containerInstanceArns()) {
            String id = ci.substring(ci.lastIndexOf('/') + 1);
            onInstances += ecs.listTasks(b -> b.cluster("voice-prod").containerInstance(id)).taskArns().size();
        }
        assertEquals(6, onInstances);
    }

    @Test
    void unknownServiceInListTasksIsServiceNotFound() {
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class,
                () -> ecs.listTasks(b -> b.cluster("voice-prod").serviceName("ghost")));
        assertEquals("Service not found.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void describesFargateTasksWithTheModelsValues() {
        List<String> arns = modelTaskArns("voice-prod", "support-agent");
        DescribeTasksResponse r = ecs.describeTasks(b -> b.cluster("voice-prod").tasks(arns));
        assertTrue(r.failures().isEmpty());
        assertEquals(arns, r.tasks().stream().map(Task::taskArn).toList());
        Map<String, TaskState> model = sim.model().read(m -> new HashMap<>(m.cluster("voice-prod").orElseThrow().tasks()));
        for (Task t : r.tasks()) {
            TaskState expected = model.get(t.taskArn());
            assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/voice-prod", t.clusterArn());
            assertEquals("arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41", t.taskDefinitionArn());
            assertEquals("RUNNING", t.lastStatus());
            assertEquals("RUNNING", t.desiredStatus());
            // No container health check: ECS reports UNKNOWN (API Reference "Task": healthStatus).
            assertEquals("UNKNOWN", t.healthStatusAsString());
            assertEquals(LaunchType.FARGATE, t.launchType());
            assertEquals("1.4.0", t.platformVersion());
            assertEquals("Linux", t.platformFamily());
            assertNull(t.containerInstanceArn());
            assertEquals(expected.availabilityZone(), t.availabilityZone());
            assertEquals("2048", t.cpu());
            assertEquals("4096", t.memory());
            assertEquals("service:support-agent", t.group());
            assertEquals(expected.startedBy(), t.startedBy());
            assertEquals("CONNECTED", t.connectivityAsString());
            assertTrue(t.enableExecuteCommand());
            assertTrue(t.version() > 0);
            assertNull(t.stopCode());
            assertNull(t.stoppedReason());
            assertNull(t.stoppedAt());
            assertFalse(t.hasTags());
            assertSameMillis(expected.createdAt(), t.createdAt());
            assertSameMillis(expected.pullStartedAt(), t.pullStartedAt());
            assertSameMillis(expected.pullStoppedAt(), t.pullStoppedAt());
            assertSameMillis(expected.startedAt(), t.startedAt());

            Attachment eni = t.attachments().get(0);
            assertEquals("ElasticNetworkInterface", eni.type());
            assertEquals("ATTACHED", eni.status());
            Map<String, String> details = eni.details().stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
            assertEquals(expected.privateIp(), details.get("privateIPv4Address"));
            assertTrue(details.get("networkInterfaceId").startsWith("eni-"));
            assertTrue(details.get("subnetId").startsWith("subnet-"));

            Container c = t.containers().get(0);
            assertEquals("agent", c.name());
            assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:2026.11.20", c.image());
            assertEquals("RUNNING", c.lastStatus());
            assertEquals(t.taskArn(), c.taskArn());
            assertTrue(c.containerArn().startsWith("arn:aws:ecs:us-east-1:123456789012:container/voice-prod/" + expected.id() + "/"));
            assertEquals(expected.privateIp(), c.networkInterfaces().get(0).privateIpv4Address());
            assertEquals(eni.id(), c.networkInterfaces().get(0).attachmentId());
            assertNull(c.exitCode());
        }
    }

    @Test
    void describesEc2TasksOnTheirInstance() {
        List<String> arns = modelTaskArns("voice-prod", "outbound-dialer");
        Map<String, TaskState> model = sim.model().read(m -> new HashMap<>(m.cluster("voice-prod").orElseThrow().tasks()));
        // Task ids work as well as ARNs.
        List<String> ids = arns.stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
        for (Task t : ecs.describeTasks(b -> b.cluster("voice-prod").tasks(ids)).tasks()) {
            ContainerInstanceState ci = model.get(t.taskArn()).containerInstance();
            assertEquals(ci.arn(), t.containerInstanceArn());
            assertEquals(LaunchType.EC2, t.launchType());
            assertNull(t.platformVersion());
            assertTrue(t.attachments().isEmpty());
            assertTrue(t.containers().get(0).networkInterfaces().isEmpty());
        }
    }

    @Test
    void tagsOnlyWhenIncluded() {
        String arn = modelTaskArns("voice-staging", "transcriber").get(0);
        Task t = ecs.describeTasks(b -> b.cluster("voice-staging").tasks(arn).include(TaskField.TAGS)).tasks().get(0);
        assertTrue(t.hasTags());
    }

    @Test
    void unknownTasksAreMissingFailures() {
        String known = modelTaskArns("voice-prod", "support-agent").get(0);
        String otherCluster = modelTaskArns("voice-staging", "support-agent").get(0);
        DescribeTasksResponse r = ecs.describeTasks(b -> b.cluster("voice-prod").tasks(known, "0123abcd", otherCluster));
        assertEquals(List.of(known), r.tasks().stream().map(Task::taskArn).toList());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:task/voice-prod/0123abcd", r.failures().get(0).arn());
        assertEquals("MISSING", r.failures().get(0).reason());
        assertEquals(otherCluster, r.failures().get(1).arn());
    }

    @Test
    void atMostAHundredTasksPerDescribe() {
        List<String> many = Collections.nCopies(101, "0123abcd");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecs.describeTasks(b -> b.cluster("voice-prod").tasks(many)));
        assertEquals("taskIds can have at most 100 items.", e.awsErrorDetails().errorMessage());
        InvalidParameterException empty = assertThrows(InvalidParameterException.class,
                () -> ecs.describeTasks(b -> b.cluster("voice-prod")));
        assertEquals("Tasks cannot be empty.", empty.awsErrorDetails().errorMessage());
    }

    private static void assertSameMillis(Instant expected, Instant actual) {
        assertEquals(expected.truncatedTo(ChronoUnit.MILLIS), actual);
    }
}

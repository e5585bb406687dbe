package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client needs to build its own fixtures, with ECS's validation and error types (API Reference
 * "CreateCluster", "DeleteCluster", "CreateService", "DeleteService", "RunTask", "StartTask",
 * "RegisterContainerInstance", "DeregisterContainerInstance"), and the finer details of the read operations.
 */
class EcsFixturesTest {
    private Simulator sim;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        sim = EcsTestSupport.start("demo");
        ecs = EcsTestSupport.client(sim);
    }

    @AfterEach
    void stop() {
        ecs.close();
        sim.close();
    }

    private void advance(Duration d) {
        sim.clock().advance(d);
        sim.model().sync();
    }

    @Test
    void aClientBuildsAClusterWithAnInstanceAServiceAndStandaloneTasksThenTearsItAllDown() {
        Cluster c = ecs.createCluster(b -> b.clusterName("ci").tags(t -> t.key("owner").value("ci"))).cluster();
        assertEquals("ACTIVE", c.status());
        assertEquals(c.clusterArn(), ecs.createCluster(b -> b.clusterName("ci")).cluster().clusterArn(), "idempotent by name");
        ContainerInstance ci = ecs.registerContainerInstance(b -> b.cluster("ci")
                .instanceIdentityDocument("{\"instanceId\":\"i-0123456789abcdef0\",\"availabilityZone\":\"us-east-1b\","
                        + "\"instanceType\":\"c6i.large\"}")).containerInstance();
        assertEquals("i-0123456789abcdef0", ci.ec2InstanceId());
        assertEquals("ACTIVE", ci.status());

        String td = ecs.registerTaskDefinition(b -> b.family("ci-worker").memory("512")
                .containerDefinitions(k -> k.name("w").image("w:1"))).taskDefinition().taskDefinitionArn();
        Service s = ecs.createService(b -> b.cluster("ci").serviceName("w").taskDefinition(td).desiredCount(2)
                .launchType(LaunchType.EC2)).service();
        assertEquals("ACTIVE", s.status());
        InvalidParameterException again = assertThrows(InvalidParameterException.class, () -> ecs.createService(b -> b
                .cluster("ci").serviceName("w").taskDefinition(td).desiredCount(1).launchType(LaunchType.EC2)));
        assertEquals("Creation of service was not idempotent.", again.awsErrorDetails().errorMessage());
        List<Task> run = ecs.runTask(b -> b.cluster("ci").taskDefinition(td).count(2).startedBy("ci-job")).tasks();
        assertEquals(2, run.size());
        assertEquals("ci-job", run.get(0).startedBy());
        assertEquals(1, ecs.startTask(b -> b.cluster("ci").taskDefinition(td).containerInstances(ci.containerInstanceArn()))
                .tasks().size());
        advance(Duration.ofMinutes(1));
        assertEquals(2, ecs.describeServices(b -> b.cluster("ci").services("w")).services().get(0).runningCount());

        assertThrows(ClusterContainsServicesException.class, () -> ecs.deleteCluster(b -> b.cluster("ci")));
        InvalidParameterException scaled = assertThrows(InvalidParameterException.class,
                () -> ecs.deleteService(b -> b.cluster("ci").service("w")));
        assertEquals("The service cannot be stopped while it is scaled above 0.", scaled.awsErrorDetails().errorMessage());
        assertEquals("DRAINING", ecs.deleteService(b -> b.cluster("ci").service("w").force(true)).service().status());
        advance(Duration.ofMinutes(1));
        assertTrue(ecs.listServices(b -> b.cluster("ci")).serviceArns().isEmpty(), "gone once its tasks stopped");

        assertThrows(ClusterContainsTasksException.class, () -> ecs.deleteCluster(b -> b.cluster("ci")));
        for (String t : ecs.listTasks(b -> b.cluster("ci")).taskArns()) ecs.stopTask(b -> b.cluster("ci").task(t));
        advance(Duration.ofMinutes(1));
        assertThrows(ClusterContainsContainerInstancesException.class, () -> ecs.deleteCluster(b -> b.cluster("ci")));
        assertEquals("INACTIVE", ecs.deregisterContainerInstance(b -> b.cluster("ci").containerInstance(ci.containerInstanceArn()))
                .containerInstance().status());
        assertEquals("INACTIVE", ecs.deleteCluster(b -> b.cluster("ci")).cluster().status());
        assertThrows(ClusterNotFoundException.class, () -> ecs.listServices(b -> b.cluster("ci")));
    }

    @Test
    void createServiceAndRunTaskValidateAsEcsDoes() {
        String fargate = ecs.registerTaskDefinition(b -> b.family("fg").networkMode("awsvpc").cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(k -> k.name("a").image("a:1")))
                .taskDefinition().taskDefinitionArn();
        InvalidParameterException net = assertThrows(InvalidParameterException.class, () -> ecs.createService(b -> b
                .cluster("voice-prod").serviceName("fg").taskDefinition(fargate).desiredCount(1).launchType(LaunchType.FARGATE)));
        assertEquals("Network Configuration must be provided when networkMode 'awsvpc' is specified.",
                net.awsErrorDetails().errorMessage());
        assertThrows(InvalidParameterException.class, () -> ecs.createService(b -> b.cluster("voice-prod").serviceName("fg")
                .taskDefinition(fargate).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))), "desiredCount required");
        Service s = ecs.createService(b -> b.cluster("voice-prod").serviceName("fg").taskDefinition(fargate).desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))
                .deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(150))).service();
        assertEquals(50, s.deploymentConfiguration().minimumHealthyPercent());
        InvalidParameterException count = assertThrows(InvalidParameterException.class, () -> ecs.runTask(b -> b
                .cluster("voice-prod").taskDefinition(fargate).count(11).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))));
        assertTrue(count.awsErrorDetails().errorMessage().contains("10"));
        ecs.createCluster(b -> b.clusterName("empty"));
        String ec2 = ecs.registerTaskDefinition(b -> b.family("e").memory("256").containerDefinitions(k -> k.name("a").image("a:1")))
                .taskDefinition().taskDefinitionArn();
        InvalidParameterException none = assertThrows(InvalidParameterException.class,
                () -> ecs.runTask(b -> b.cluster("empty").taskDefinition(ec2)));
        assertEquals("No Container Instances were found in your cluster.", none.awsErrorDetails().errorMessage());
    }

    @Test
    void unsupportedOperationsSayWhatTheyAre() throws Exception {
        EcsTestSupport.Raw r = EcsTestSupport.post(sim, "CreateCapacityProvider", "{\"name\":\"cp\"}");
        assertEquals(400, r.status());
        assertEquals("UnknownOperationException", r.body().path("__type").asText());
        assertTrue(r.body().path("message").asText().contains("CreateCapacityProvider"), r.text());
    }

    // ---------------------------------------------------------------- details of the reads

    @Test
    void describeServicesAnswersOncePerIdentifierAsked() {
        List<Service> s = ecs.describeServices(b -> b.cluster("voice-prod").services("support-agent", "support-agent",
                "arn:aws:ecs:us-east-1:123456789012:service/voice-prod/support-agent")).services();
        assertEquals(3, s.size(), "duplicates kept, as ECS does");
    }

    @Test
    void describeClustersWithTagsOnAnUntaggedClusterLeavesTagsOut() throws Exception {
        Cluster c = ecs.describeClusters(b -> b.clusters("voice-prod").include(ClusterField.TAGS)).clusters().get(0);
        assertFalse(c.hasTags());
        EcsTestSupport.Raw raw = EcsTestSupport.post(sim, "DescribeClusters", "{\"clusters\":[\"voice-prod\"],\"include\":[\"TAGS\"]}");
        assertFalse(raw.body().path("clusters").get(0).has("tags"), raw.text());
        ecs.tagResource(b -> b.resourceArn(c.clusterArn()).tags(t -> t.key("env").value("prod")));
        assertEquals(1, ecs.describeClusters(b -> b.clusters("voice-prod").include(ClusterField.TAGS)).clusters().get(0).tags().size());
    }

    @Test
    void listTasksRefusesADesiredStatusOutsideTheEnum() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecs.listTasks(b -> b.cluster("voice-prod").desiredStatus("DRAINING")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("RUNNING, PENDING or STOPPED"), e.getMessage());
        assertTrue(ecs.listTasks(b -> b.cluster("voice-prod").desiredStatus("PENDING")).taskArns().isEmpty(),
                "PENDING is valid and lists nothing");
    }
}

package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ContainerInstanceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsContainerInstancesTest {
    @RegisterExtension
    static final EcsSimulator SIM = EcsSimulator.demo();
    private final Simulator sim = SIM.simulator();
    private final EcsClient ecs = SIM.ecs();

    @Test
    void listsAndDescribesTheInstancesOfTheModel() {
        List<ContainerInstanceState> model = sim.model().read(m ->
                new ArrayList<>(m.cluster("voice-prod").orElseThrow().instances().values()));
        List<String> arns = ecs.listContainerInstances(b -> b.cluster("voice-prod")).containerInstanceArns();
        assertEquals(model.stream().map(ContainerInstanceState::arn).toList(), arns);

        DescribeContainerInstancesResponse r = ecs.describeContainerInstances(b -> b.cluster("voice-prod")
                .containerInstances(arns).include(ContainerInstanceField.CONTAINER_INSTANCE_HEALTH));
        assertTrue(r.failures().isEmpty());
        int running = 0;
        for (int i = 0; i < arns.size(); i++) {
            ContainerInstance ci = r.containerInstances().get(i);
            ContainerInstanceState expected = model.get(i);
            assertEquals(expected.arn(), ci.containerInstanceArn());
            assertEquals(expected.ec2InstanceId(), ci.ec2InstanceId());
            assertEquals("ACTIVE", ci.status());
            assertTrue(ci.agentConnected());
            assertEquals(expected.registeredAt(), ci.registeredAt());
            Map<String, String> attributes = ci.attributes().stream()
                    .filter(a -> a.value() != null).collect(Collectors.toMap(Attribute::name, Attribute::value));
            assertEquals(expected.availabilityZone(), attributes.get("ecs.availability-zone"));
            assertEquals("c6i.2xlarge", attributes.get("ecs.instance-type"));
            assertNotNull(ci.versionInfo().agentVersion());
            assertEquals("OK", ci.healthStatus().overallStatusAsString());
            Map<String, Integer> registered = ci.registeredResources().stream()
                    .filter(x -> x.integerValue() != null && x.type().equals("INTEGER"))
                    .collect(Collectors.toMap(Resource::name, Resource::integerValue));
            assertEquals(8 * 1024, registered.get("CPU"));
            int cpuLeft = ci.remainingResources().stream().filter(x -> x.name().equals("CPU")).findFirst().orElseThrow().integerValue();
            assertEquals(8 * 1024 - 1024 * ci.runningTasksCount(), cpuLeft);
            running += ci.runningTasksCount();
            assertEquals(0, ci.pendingTasksCount());
        }
        assertEquals(6, running); // the outbound-dialer tasks
    }

    @Test
    void filtersByStatusAndAttributes() {
        assertEquals(2, ecs.listContainerInstances(b -> b.cluster("voice-prod")
                .filter("attribute:ecs.availability-zone == us-east-1a")).containerInstanceArns().size());
        assertEquals(4, ecs.listContainerInstances(b -> b.cluster("voice-prod")
                .filter("attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and attribute:ecs.instance-type == c6i.2xlarge"))
                .containerInstanceArns().size());
        assertEquals(0, ecs.listContainerInstances(b -> b.cluster("voice-prod").status("DRAINING")).containerInstanceArns().size());
        assertEquals(2, ecs.listContainerInstancesPaginator(b -> b.cluster("voice-prod").maxResults(3))
                .stream().count());
    }

    @Test
    void unknownInstancesAndLimits() {
        DescribeContainerInstancesResponse r = ecs.describeContainerInstances(b -> b.cluster("voice-staging")
                .containerInstances("0000ffff"));
        assertEquals("arn:aws:ecs:us-east-1:123456789012:container-instance/voice-staging/0000ffff", r.failures().get(0).arn());
        assertEquals("MISSING", r.failures().get(0).reason());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ecs.describeContainerInstances(
                b -> b.cluster("voice-staging").containerInstances(Collections.nCopies(101, "x"))));
        assertEquals("instanceIds can have at most 100 items.", e.awsErrorDetails().errorMessage());
    }
}

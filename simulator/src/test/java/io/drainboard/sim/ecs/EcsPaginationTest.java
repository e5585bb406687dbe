package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paging as AWS pages: 100/100/50 for 250 tasks, ListServices 10 by default, tokens bound to their filters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsPaginationTest {
    @RegisterExtension
    static final EcsSimulator SIM = EcsSimulator.testScenario("ecs-paging");
    private final Simulator sim = SIM.simulator();
    private final EcsClient ecs = SIM.ecs();

    @Test
    void listTasksPagesOf100Then100Then50() {
        ListTasksResponse p1 = ecs.listTasks(b -> b.cluster("big").serviceName("crowd"));
        assertEquals(100, p1.taskArns().size());
        assertNotNull(p1.nextToken());
        ListTasksResponse p2 = ecs.listTasks(b -> b.cluster("big").serviceName("crowd").nextToken(p1.nextToken()));
        assertEquals(100, p2.taskArns().size());
        ListTasksResponse p3 = ecs.listTasks(b -> b.cluster("big").serviceName("crowd").nextToken(p2.nextToken()));
        assertEquals(50, p3.taskArns().size());
        assertNull(p3.nextToken());
        List<String> all = new ArrayList<>(p1.taskArns());
        all.addAll(p2.taskArns());
        all.addAll(p3.taskArns());
        List<String> model = sim.model().read(m -> m.cluster("big").orElseThrow().services().get("crowd").tasks()
                .stream().map(TaskState::arn).toList());
        assertEquals(model, all); // stable order, nothing repeated or skipped
    }

    @Test
    void sdkPaginatorWalksAll250() {
        Set<String> arns = new HashSet<>();
        ecs.listTasksPaginator(b -> b.cluster("big")).taskArns().forEach(arns::add);
        assertEquals(250, arns.size());
        Set<String> small = new HashSet<>();
        ecs.listTasksPaginator(b -> b.cluster("big").maxResults(7)).taskArns().forEach(small::add);
        assertEquals(arns, small);
    }

    @Test
    void listServicesDefaultsToPagesOf10() {
        ListServicesResponse p1 = ecs.listServices(b -> { }); // no cluster: the default cluster
        assertEquals(10, p1.serviceArns().size());
        assertEquals("arn:aws:ecs:eu-west-1:210987654321:service/default/svc-01", p1.serviceArns().get(0));
        ListServicesResponse p2 = ecs.listServices(b -> b.nextToken(p1.nextToken()));
        assertEquals(List.of("arn:aws:ecs:eu-west-1:210987654321:service/default/svc-11",
                "arn:aws:ecs:eu-west-1:210987654321:service/default/svc-12"), p2.serviceArns());
        assertNull(p2.nextToken());
        assertEquals(12, ecs.listServicesPaginator(b -> b.maxResults(5)).serviceArns().stream().count());
    }

    @Test
    void badTokensAndSizesAreInvalidParameters() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecs.listTasks(b -> b.cluster("big").nextToken("not-a-token")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid token"));
        String token = ecs.listTasks(b -> b.cluster("big").maxResults(10)).nextToken();
        // A token belongs to the filters it was issued for.
        assertThrows(InvalidParameterException.class,
                () -> ecs.listTasks(b -> b.cluster("big").launchType(LaunchType.EC2).nextToken(token)));
        assertThrows(InvalidParameterException.class, () -> ecs.listTasks(b -> b.cluster("big").maxResults(0)));
        assertThrows(InvalidParameterException.class, () -> ecs.listTasks(b -> b.cluster("big").maxResults(101)));
        assertThrows(InvalidParameterException.class, () -> ecs.listServices(b -> b.maxResults(101)));
    }

    @Test
    void timestampsKeepTheirMilliseconds() {
        String arn = ecs.listTasks(b -> b.cluster("big").maxResults(1)).taskArns().get(0);
        Task t = ecs.describeTasks(b -> b.cluster("big").tasks(arn)).tasks().get(0);
        TaskState model = sim.model().read(m -> m.task(arn).orElseThrow());
        assertEquals(123_000_000, model.startedAt().getNano()); // the scenario starts at …:00.123
        assertEquals(model.startedAt(), t.startedAt());
        assertEquals(model.createdAt(), t.createdAt());
        assertEquals(Instant.parse("2026-03-01T11:59:00.123Z"), ecs.describeTaskDefinition(
                b -> b.taskDefinition("crowd")).taskDefinition().registeredAt());
    }
}

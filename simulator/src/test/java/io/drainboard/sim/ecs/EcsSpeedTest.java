package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model work per request on a 10,000-task cluster, measured in-process (no HTTP). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsSpeedTest {
    private Simulator sim;
    private EcsApi api;

    @BeforeAll
    void start() {
        sim = EcsTestSupport.startTestScenario("ecs-large");
        api = new EcsApi(sim.model());
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void describeTasksOf100IsWellUnderAMillisecond() {
        ObjectNode list = EcsTestSupport.JSON.createObjectNode().put("cluster", "huge").put("serviceName", "b");
        ArrayNode arns = (ArrayNode) api.handle("ListTasks", list).get("taskArns");
        assertEquals(100, arns.size());
        ObjectNode describe = EcsTestSupport.JSON.createObjectNode().put("cluster", "huge");
        describe.set("tasks", arns);
        double micros = averageMicros(() -> api.handle("DescribeTasks", describe), 3000);
        System.out.printf("DescribeTasks(100) on 10,000 tasks: %.1f µs of model work%n", micros);
        assertTrue(micros < 1000, "DescribeTasks(100) took " + micros + " µs");
    }

    @Test
    void listTasksOfAServiceInA10000TaskCluster() {
        ObjectNode list = EcsTestSupport.JSON.createObjectNode().put("cluster", "huge").put("serviceName", "d");
        JsonNode page = api.handle("ListTasks", list);
        assertEquals(100, page.get("taskArns").size());
        double micros = averageMicros(() -> api.handle("ListTasks", list), 3000);
        System.out.printf("ListTasks(serviceName) on 10,000 tasks: %.1f µs of model work%n", micros);
        assertTrue(micros < 1000, "ListTasks took " + micros + " µs");
    }

    private static double averageMicros(Runnable r, int n) {
        for (int i = 0; i < n; i++) r.run(); // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) r.run();
        return (System.nanoTime() - t0) / 1000.0 / n;
    }
}

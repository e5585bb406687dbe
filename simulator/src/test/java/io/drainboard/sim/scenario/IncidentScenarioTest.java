package io.drainboard.sim.scenario;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled incident: a native rolling deploy an hour before start, its traces all visible at start. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentScenarioTest {
    private Simulator sim;

    @BeforeAll
    void start() {
        sim = Simulator.start(Simulator.Options.virtual("incident"));
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private ServiceState service() {
        return sim.model().read(m -> m.cluster("voice-prod").orElseThrow().services().get("support-agent"));
    }

    @Test
    void theOldTasksAreStoppedWithCallsCutAndTheNewOnesRun() {
        List<TaskState> tasks = sim.model().read(m -> service().tasks());
        List<TaskState> old = tasks.stream().filter(t -> t.taskDefinitionArn().endsWith(":41")).toList();
        List<TaskState> now = tasks.stream().filter(t -> t.taskDefinitionArn().endsWith(":42")).toList();
        assertEquals(8, old.size());
        assertEquals(8, now.size());
        long cut = 0;
        for (TaskState t : old) {
            assertEquals("STOPPED", t.lastStatus());
            assertEquals("ServiceSchedulerInitiated", t.stopCode());
            CallCounts c = sim.model().read(m -> m.callCounts(t));
            cut += c.cutBySigkill();
            if (c.cutBySigkill() > 0) assertEquals(137, t.exitCode());
            Duration ago = Duration.between(t.stoppedAt(), sim.clock().instant());
            assertTrue(ago.compareTo(Duration.ofMinutes(50)) > 0 && ago.compareTo(Duration.ofMinutes(62)) < 0, ago.toString());
        }
        assertTrue(cut >= 8, "a native deploy with 120 s stopTimeout cuts 5-minute calls, saw " + cut);
        for (TaskState t : now) assertEquals("RUNNING", t.lastStatus());
        GroundTruth g = sim.groundTruth();
        assertEquals(cut, g.cutBySigkill(), "the warm-up's cuts are kept in the ground truth");
        assertEquals(cut, sim.model().read(m -> m.callCounts(service())).cutBySigkill());
        assertEquals(0, sim.model().read(m -> m.callCounts(m.cluster("voice-prod").orElseThrow().services().get("sales-agent"))).cut());
    }

    @Test
    void theEventsTellANormalDeploy() {
        List<String> events = sim.model().read(m -> service().events().stream().map(e -> e.message()).toList());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("(service support-agent) has started 8 tasks:")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("(service support-agent) has begun draining connections on ")),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("(service support-agent) has stopped 1 running tasks: ")),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e.endsWith("deployment completed.")), events.toString());
        assertEquals("(service support-agent) has reached a steady state.", events.get(events.size() - 1));
    }
}

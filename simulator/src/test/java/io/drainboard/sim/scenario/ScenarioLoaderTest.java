package io.drainboard.sim.scenario;

import io.drainboard.sim.clock.SimClock;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.WorkerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario keys added for worker and service behaviour, and the messages bad values get. */
class ScenarioLoaderTest {
    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    @TempDir
    Path dir;

    private FleetModel build(String services, String extra) throws IOException {
        Path p = dir.resolve("s.yaml");
        Files.writeString(p, "name: t\nwarmup: 10m\n" + extra + "clusters:\n  - name: c\n    services:\n"
                + services.indent(4));
        return ScenarioLoader.build(ScenarioLoader.read(p.toString()), SimClock.manual(START));
    }

    private static final String SERVICE = """
              - name: a
                desiredCount: 2
                deregistrationDelay: 45s
                deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 150, circuitBreaker: {enable: true, rollback: true}}
                taskDefinition: {family: a, containers: [{name: a, stopTimeout: 120}]}
                worker: {capacity: 3, runtime: node, ignoreSigtermFraction: 0.25, drainRoute: true, signalCommand: "kill -TERM 7"}
                traffic: {load: 0}
            """;

    @Test
    void readsWorkerAndServiceSettings() throws IOException {
        FleetModel m = build(SERVICE, "");
        ServiceState s = m.read(x -> x.cluster("c").orElseThrow().services().get("a"));
        WorkerSpec w = s.worker();
        assertEquals(WorkerSpec.Runtime.NODE, w.runtime());
        assertEquals(0.25, w.ignoreSigtermFraction());
        assertTrue(w.drainRoute());
        assertEquals("kill -TERM 7", w.signalCommand());
        assertEquals(Duration.ofSeconds(45), s.deregistrationDelay());
        assertEquals(50, s.minimumHealthyPercent());
        assertEquals(150, s.maximumPercent());
        assertTrue(s.circuitBreakerEnable() && s.circuitBreakerRollback());
    }

    @Test
    void aTimelineDeployRunsDuringTheWarmUp() throws IOException {
        FleetModel m = build(SERVICE, """
                timeline:
                  - {at: -8m, cluster: c, service: a, deploy: {image: "a:2"}}
                """);
        ServiceState s = m.read(x -> x.cluster("c").orElseThrow().services().get("a"));
        assertTrue(s.taskDefinitionArn().endsWith("task-definition/a:2"));
        assertEquals("COMPLETED", s.primaryDeployment().rolloutState());
        assertEquals(2, s.runningCount());
    }

    @Test
    void badValuesSayWhatToWrite() {
        List<String> messages = new ArrayList<>();
        messages.add(assertThrows(IllegalArgumentException.class, () -> build(SERVICE.replace("runtime: node", "runtime: ruby"), ""))
                .getMessage());
        messages.add(assertThrows(IllegalArgumentException.class, () -> build(SERVICE.replace("traffic: {load: 0}",
                "traffic: {load: 0.1, dailyCurve: [1, 2]}"), "")).getMessage());
        messages.add(assertThrows(IllegalArgumentException.class, () -> build(SERVICE, """
                timeline:
                  - {at: -2h, cluster: c, service: a, forceNewDeployment: true}
                """)).getMessage());
        assertTrue(messages.get(0).contains("python or node"), messages.get(0));
        assertTrue(messages.get(1).contains("24 hourly values"), messages.get(1));
        assertTrue(messages.get(2).contains("lengthen warmup"), messages.get(2));
    }
}

package io.drainboard.sim;

import io.drainboard.sim.http.SimClients;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator run on its own (java -jar drainboard-simulator.jar): SLF4J finds a provider (no "No SLF4J
 * providers were found" at start), and POST /admin/reset brings the scenario's fleet back on the same port.
 */
class StandaloneTest {
    @Test
    void slf4jHasAProvider() {
        assertFalse(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory,
                "SLF4J fell back to its no-operation logger: " + LoggerFactory.getILoggerFactory().getClass());
    }

    @Test
    void resetRestartsTheScenariosFleetOnTheSamePort() throws Exception {
        Simulator first = SimulatorMain.startResettable(Simulator.Options.virtual("demo"));
        try {
            int port = first.port();
            try (EcsClient ecs = SimClients.ecs(first)) {
                ecs.updateService(b -> b.cluster("voice-prod").service("sales-agent").desiredCount(1));
                ecs.createCluster(b -> b.clusterName("scratch"));
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(first.endpoint().resolve("/admin/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            Simulator fresh = null;
            for (int i = 0; i < 100 && (fresh = SimulatorMain.CURRENT.get()) == first; i++) Thread.sleep(100);
            assertTrue(fresh != first, "a fresh simulator took over");
            assertEquals(port, fresh.port(), "on the same port");
            try (EcsClient ecs = SimClients.ecs(fresh)) {
                assertEquals(6, ecs.describeServices(b -> b.cluster("voice-prod").services("sales-agent")).services().get(0)
                        .desiredCount(), "the scenario's desired count again");
                assertFalse(ecs.listClusters().clusterArns().stream().anyMatch(a -> a.endsWith("/scratch")));
            }
        } finally {
            SimulatorMain.CURRENT.get().close();
        }
    }

    @Test
    void anEmbeddedSimulatorRefusesResetAndSaysWhy() throws Exception {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual("demo"))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.endpoint().resolve("/admin/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("standalone"), r.body());
        }
    }
}

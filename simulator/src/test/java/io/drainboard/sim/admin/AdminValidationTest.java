package io.drainboard.sim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Odd values on the admin routes get a 400 that says what to send, and leave the simulator as it was: the clock
 * neither jumps (factor=Infinity put it in the year 2319 and spun the minute loop at 100 % CPU), freezes
 * (factor=NaN) nor runs backwards (advance?seconds=-3600 hung the next request).
 */
class AdminValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Simulator sim;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void oddClockValuesAreRefusedAndTheClockStaysAsItWas() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<String> wrong = new ArrayList<>();
            for (String route : new String[] {"/admin/clock/speed?factor=Infinity", "/admin/clock/speed?factor=-Infinity",
                    "/admin/clock/speed?factor=NaN", "/admin/clock/speed?factor=0", "/admin/clock/speed?factor=-1",
                    "/admin/clock/speed?factor=1e300", "/admin/clock/speed?factor=fast", "/admin/clock/speed?factor=",
                    "/admin/clock/speed", "/admin/clock/advance?seconds=-3600", "/admin/clock/advance?seconds=NaN",
                    "/admin/clock/advance?seconds=Infinity", "/admin/clock/advance?seconds=1e12",
                    "/admin/clock/advance?seconds=-0.001", "/admin/clock/advance?seconds=soon",
                    "/admin/asg/lifecycle-hook?group=g&name=n&heartbeatSeconds=NaN",
                    "/admin/asg/lifecycle-hook?group=g&name=n&heartbeatSeconds=-5",
                    "/admin/asg/lifecycle-hook?group=g&name=n&heartbeatSeconds=Infinity"}) {
                Instant before = sim.clock().instant();
                double factor = sim.clock().factor();
                SimClients.Reply r = SimClients.post(sim, route, "");
                String error = r.status() == 400 ? JSON.readTree(r.body()).path("error").asText() : "";
                if (r.status() != 400 || !(error.contains(" must be ") || error.startsWith("missing query parameter"))) wrong.add(route + " -> " + r.status() + " " + r.body());
                if (!sim.clock().instant().equals(before) || sim.clock().factor() != factor) {
                    wrong.add(route + " moved the clock: " + before + " -> " + sim.clock().instant() + ", factor "
                            + sim.clock().factor());
                }
                SimClients.Reply next = SimClients.get(sim, "/admin/clock"); // the next request is answered
                if (next.status() != 200) wrong.add(route + ": the next request got " + next.status());
            }
            assertEquals(List.of(), wrong);
            Instant t0 = sim.clock().instant();
            JsonNode c = JSON.readTree(SimClients.post(sim, "/admin/clock/advance?seconds=90", "").body());
            assertEquals(t0.plusSeconds(90).toString(), c.get("now").asText(), "good values still work");
            assertEquals(8.0, JSON.readTree(SimClients.post(sim, "/admin/clock/speed?factor=8", "").body())
                    .get("factor").asDouble());
        });
    }

    @Test
    void oddFaultValuesAreRefused() throws Exception {
        for (String body : new String[] {"{\"key\":\"*\",\"throttleRate\":\"NaN\"}", "{\"key\":\"*\",\"serverErrorRate\":-0.1}",
                "{\"key\":\"*\",\"resetRate\":\"half\"}", "{\"key\":\"*\",\"latencyMs\":-5}",
                "{\"key\":\"*\",\"latencyMs\":1e15}", "{\"key\":\"*\",\"latencyMs\":\"x\"}", "{\"key\":\"*\",\"latencyMs\":2.5}"}) {
            SimClients.Reply r = SimClients.post(sim, "/admin/faults", body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertTrue(JSON.readTree(r.body()).path("error").asText().contains("must be"), r.body());
        }
        assertTrue(sim.faults().rules().isEmpty(), "nothing was set");
    }
}

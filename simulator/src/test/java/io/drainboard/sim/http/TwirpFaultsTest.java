package io.drainboard.sim.http;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults on the LiveKit Twirp routes come back as Twirp errors, and are counted. */
class TwirpFaultsTest {
    private Simulator sim;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimClients.Reply listRooms() throws Exception {
        return SimClients.send(sim, HttpRequest.newBuilder(URI.create(sim.endpoint() + "/twirp/livekit.RoomService/ListRooms"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    @Test
    void throttlingIsResourceExhausted() throws Exception {
        sim.faults().set("livekit:ListRooms", new Faults.Rule(1, 0, 0, Duration.ZERO));
        SimClients.Reply r = listRooms();
        assertEquals(429, r.status());
        assertTrue(r.body().contains("\"code\":\"resource_exhausted\""), r.body());
        assertEquals(1, sim.requests().count("livekit", "ListRooms"));
    }

    @Test
    void serverErrorIsUnavailable() throws Exception {
        sim.faults().set("livekit:*", new Faults.Rule(0, 1, 0, Duration.ZERO));
        SimClients.Reply r = listRooms();
        assertEquals(503, r.status());
        assertTrue(r.body().contains("\"code\":\"unavailable\""), r.body());
    }

    @Test
    void withoutFaultsTheRequestReachesTwirp() throws Exception {
        assertEquals(401, listRooms().status(), "no token: Twirp's own unauthenticated answer");
    }
}

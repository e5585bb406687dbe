package io.drainboard.sim.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Node SDK's protocol: application/json, snake_case proto names, default values emitted. */
class TwirpHandlerJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LiveKitTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LiveKitTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> postJson(String path, String body, String token) throws Exception {
        // The Node SDK sends a charset parameter; the server looks only at the media type.
        return server.post(path, "application/json;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8),
                "Bearer " + token);
    }

    @Test
    void listRoomsAnswersSnakeCaseWithDefaults() throws Exception {
        HttpResponse<String> response = postJson("/twirp/livekit.RoomService/ListRooms",
                "{\"names\":[\"empty\",\"call-1\"]}", LiveKitTestServer.token(new RoomList(true)));

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode rooms = JSON.readTree(response.body()).get("rooms");
        assertEquals(2, rooms.size());
        JsonNode empty = rooms.get(0);
        assertEquals("empty", empty.get("name").asText());
        // proto field names, not lowerCamelCase
        assertTrue(empty.has("creation_time_ms"), response.body());
        assertFalse(empty.has("creationTimeMs"));
        // int64 is a JSON string in proto3 JSON
        assertTrue(empty.get("creation_time_ms").isTextual());
        assertEquals(String.valueOf(FakeBackend.CREATED_MS), empty.get("creation_time_ms").asText());
        assertEquals(String.valueOf(FakeBackend.CREATED_MS / 1000), empty.get("creation_time").asText());
        // EmitUnpopulated: zero values are present rather than omitted
        assertEquals(0, empty.get("num_participants").asInt());
        assertTrue(empty.get("num_participants").isInt());
        assertEquals("", empty.get("metadata").asText());
        assertEquals(0, empty.get("max_participants").asInt());
        assertFalse(empty.get("active_recording").asBoolean());
        assertTrue(empty.get("enabled_codecs").isArray());
        assertEquals(300, empty.get("empty_timeout").asInt());
    }

    @Test
    void listParticipantsAnswersEnumsByNameAndAttributesAsAnObject() throws Exception {
        HttpResponse<String> response = postJson("/twirp/livekit.RoomService/ListParticipants",
                "{\"room\":\"call-2\"}", LiveKitTestServer.token(new RoomAdmin(true), new RoomName("call-2")));

        assertEquals(200, response.statusCode());
        JsonNode agent = JSON.readTree(response.body()).get("participants").get(0);
        assertEquals("AGENT", agent.get("kind").asText());
        assertEquals("ACTIVE", agent.get("state").asText());
        assertTrue(agent.get("is_publisher").asBoolean());
        assertEquals(FakeBackend.TASK_ARN, agent.get("attributes").get("ecs.task_arn").asText());
        assertEquals(String.valueOf(FakeBackend.JOINED_MS), agent.get("joined_at_ms").asText());
        assertEquals("", agent.get("metadata").asText());
        assertTrue(agent.get("tracks").isArray());
    }

    @Test
    void requestsMayUseSnakeCaseOrCamelCaseAndUnknownFieldsAreIgnored() throws Exception {
        String token = LiveKitTestServer.token(new RoomAdmin(true), new RoomName("call-1"));
        String path = "/twirp/livekit.AgentDispatchService/ListDispatch";

        List<String> ids = new ArrayList<>();
        for (String body : List.of(
                "{\"room\":\"call-1\",\"dispatch_id\":\"AD_two\"}",
                "{\"room\":\"call-1\",\"dispatchId\":\"AD_two\",\"from_the_future\":42}")) {
            HttpResponse<String> response = postJson(path, body, token);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode dispatches = JSON.readTree(response.body()).get("agent_dispatches");
            assertEquals(1, dispatches.size(), response.body());
            ids.add(dispatches.get(0).get("id").asText());
            assertEquals("", dispatches.get(0).get("agent_name").asText());
            assertTrue(dispatches.get(0).get("state").has("jobs"));
        }
        assertEquals(List.of("AD_two", "AD_two"), ids);
    }

    @Test
    void emptyJsonListIsStillAnObjectWithTheField() throws Exception {
        HttpResponse<String> response = postJson("/twirp/livekit.RoomService/ListParticipants",
                "{\"room\":\"empty\"}", LiveKitTestServer.token(new RoomAdmin(true), new RoomName("empty")));

        assertEquals(200, response.statusCode());
        assertEquals("{\"participants\":[]}", response.body());
    }
}

package io.drainboard.sim.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/** The real LiveKit Java server SDK (0.13.0, application/protobuf) against the simulator's Twirp side. */
class TwirpHandlerSdkTest {
    private LiveKitTestServer server;
    private RoomServiceClient rooms;

    @BeforeEach
    void start() throws Exception {
        server = new LiveKitTestServer();
        rooms = RoomServiceClient.createClient(server.url(), LiveKitTestServer.KEY, LiveKitTestServer.SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listRoomsReturnsEveryRoomWithServerDefaults() throws Exception {
        Response<List<Room>> response = rooms.listRooms().execute();

        assertTrue(response.isSuccessful(), () -> "HTTP " + response.code());
        List<Room> list = response.body();
        assertEquals(List.of("call-1", "call-2", "empty"), list.stream().map(Room::getName).toList());
        Room first = list.get(0);
        assertEquals("RM_call1", first.getSid());
        assertEquals(FakeBackend.CREATED_MS / 1000, first.getCreationTime(), "creation_time is seconds");
        assertEquals(FakeBackend.CREATED_MS, first.getCreationTimeMs());
        assertEquals(1, first.getNumParticipants());
        assertEquals("{\"caller\":\"+4420\"}", first.getMetadata());
        assertEquals(300, first.getEmptyTimeout());
        assertEquals(20, first.getDepartureTimeout());
    }

    @Test
    void listRoomsByNameSkipsUnknownNames() throws Exception {
        Response<List<Room>> response = rooms.listRooms(List.of("call-2", "no-such-room")).execute();

        assertTrue(response.isSuccessful());
        assertEquals(List.of("call-2"), response.body().stream().map(Room::getName).toList());
    }

    @Test
    void listRoomsWithNoMatchIsAnEmptySuccess() throws Exception {
        // An empty ListRoomsResponse is zero bytes of protobuf: the body-less 200 must still parse.
        Response<List<Room>> response = rooms.listRooms(List.of("no-such-room")).execute();

        assertTrue(response.isSuccessful());
        assertEquals(List.of(), response.body());
    }

    @Test
    void listParticipantsShowsTheAgentAndItsTaskAttribute() throws Exception {
        Response<List<ParticipantInfo>> response = rooms.listParticipants("call-1").execute();

        assertTrue(response.isSuccessful(), () -> "HTTP " + response.code());
        List<ParticipantInfo> participants = response.body();
        assertEquals(2, participants.size());
        ParticipantInfo caller = participants.get(0);
        assertEquals(ParticipantInfo.Kind.STANDARD, caller.getKind());
        assertFalse(caller.getIsPublisher());

        ParticipantInfo agent = participants.get(1);
        assertEquals("agent-AJ_abc", agent.getIdentity());
        assertEquals("PA_agent1", agent.getSid());
        assertEquals(ParticipantInfo.Kind.AGENT, agent.getKind());
        assertEquals(ParticipantInfo.State.ACTIVE, agent.getState());
        assertTrue(agent.getIsPublisher());
        assertEquals(FakeBackend.TASK_ARN, agent.getAttributesMap().get("ecs.task_arn"));
        assertEquals("listening", agent.getAttributesMap().get("lk.agent.state"));
        assertEquals(FakeBackend.JOINED_MS / 1000, agent.getJoinedAt(), "joined_at is seconds");
        assertEquals(FakeBackend.JOINED_MS, agent.getJoinedAtMs());
    }

    @Test
    void listParticipantsOfAnEmptyRoomIsAnEmptyList() throws Exception {
        Response<List<ParticipantInfo>> response = rooms.listParticipants("empty").execute();

        assertTrue(response.isSuccessful());
        assertEquals(List.of(), response.body());
    }

    @Test
    void unknownRoomIsTwirpNotFound() throws Exception {
        Response<List<ParticipantInfo>> response = rooms.listParticipants("gone").execute();

        assertFalse(response.isSuccessful());
        assertEquals(404, response.code());
        assertEquals("application/json", response.headers().get("Content-Type"));
        assertEquals("{\"code\":\"not_found\",\"msg\":\"requested room does not exist\"}",
                response.errorBody().string());
    }

    @Test
    void wrongSecretIsA401WithAPlainTextBody() throws Exception {
        RoomServiceClient impostor =
                RoomServiceClient.createClient(server.url(), LiveKitTestServer.KEY, "not-the-secret-at-all-32-chars-long");

        Response<List<Room>> response = impostor.listRooms().execute();

        assertEquals(401, response.code());
        assertTrue(response.headers().get("Content-Type").startsWith("text/plain"));
        assertEquals("invalid authorization token: go-jose/go-jose: error in cryptographic primitive",
                response.errorBody().string());
    }

    @Test
    void unknownApiKeyIsA401() throws Exception {
        RoomServiceClient stranger =
                RoomServiceClient.createClient(server.url(), "APIother", LiveKitTestServer.SECRET);

        Response<List<Room>> response = stranger.listRooms().execute();

        assertEquals(401, response.code());
        assertEquals("invalid API key: APIother", response.errorBody().string());
    }

    @Test
    void expiredTokenIsA401() throws Exception {
        // The SDK mints a 6 h token from the wall clock; the server's clock is a day ahead.
        Clock tomorrow = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        try (LiveKitTestServer late = new LiveKitTestServer(new FakeBackend(), tomorrow)) {
            RoomServiceClient client =
                    RoomServiceClient.createClient(late.url(), LiveKitTestServer.KEY, LiveKitTestServer.SECRET);

            Response<List<Room>> response = client.listRooms().execute();

            assertEquals(401, response.code());
            assertEquals("invalid authorization token: go-jose/go-jose/jwt: validation failed, token is expired (exp)",
                    response.errorBody().string());
        }
    }

    @Test
    void listDispatchThroughTheAgentDispatchClient() throws Exception {
        AgentDispatchServiceClient dispatch = AgentDispatchServiceClient.createClient(
                server.url(), LiveKitTestServer.KEY, LiveKitTestServer.SECRET);

        Response<List<AgentDispatch>> response = dispatch.listDispatch("call-1").execute();

        assertTrue(response.isSuccessful(), () -> "HTTP " + response.code());
        List<AgentDispatch> list = response.body();
        assertEquals(List.of("AD_one", "AD_two"), list.stream().map(AgentDispatch::getId).toList());
        assertEquals("voice", list.get(0).getAgentName());
        assertEquals("call-1", list.get(0).getRoom());
        assertEquals("{\"k\":1}", list.get(0).getMetadata());
        assertTrue(list.get(0).hasState());
        assertEquals("", list.get(1).getAgentName(), "automatic dispatch has an empty agent name");
    }

    @Test
    void listDispatchOfAnUnknownRoomIsEmpty() throws Exception {
        AgentDispatchServiceClient dispatch = AgentDispatchServiceClient.createClient(
                server.url(), LiveKitTestServer.KEY, LiveKitTestServer.SECRET);

        Response<List<AgentDispatch>> response = dispatch.listDispatch("gone").execute();

        assertTrue(response.isSuccessful());
        assertEquals(List.of(), response.body());
    }
}

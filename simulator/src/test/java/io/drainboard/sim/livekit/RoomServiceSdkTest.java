package io.drainboard.sim.livekit;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallState;
import io.drainboard.sim.model.GroundTruth;
import io.livekit.server.RoomServiceClient;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.TrackInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RoomService beyond the reads, through LiveKit's own Java server SDK (0.13.0, protobuf) and raw Twirp JSON (as the
 * Node SDK sends it) against the whole simulator: GetParticipant, UpdateParticipant, MutePublishedTrack,
 * RemoveParticipant, CreateRoom, UpdateRoomMetadata, SendData, DeleteRoom — grants as the server checks them
 * (roomAdmin on the room; roomCreate for CreateRoom/DeleteRoom; livekit.md §3.1) and not_found for unknown rooms
 * and participants ([SRV] pkg/service/errors.go).
 */
class RoomServiceSdkTest {
    private Simulator sim;
    private RoomServiceClient rooms;

    @BeforeEach
    void start() {
        sim = Simulator.start(Simulator.Options.virtual("demo"));
        rooms = RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(), sim.liveKitApiSecret());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CallState aCall() {
        return sim.model().read(m -> m.calls().iterator().next());
    }

    private static <T> T ok(Response<T> r) {
        assertTrue(r.isSuccessful(), () -> "HTTP " + r.code());
        return r.body();
    }

    @Test
    void participantsCanBeReadUpdatedAndMuted() throws Exception {
        CallState c = aCall();
        ParticipantInfo agent = ok(rooms.getParticipant(c.roomName(), c.agentIdentity()).execute());
        assertEquals(ParticipantInfo.Kind.AGENT, agent.getKind());
        assertEquals(c.task().arn(), agent.getAttributesMap().get("ecs.task_arn"));
        assertEquals(1, agent.getTracksCount());

        ParticipantInfo updated = ok(rooms.updateParticipant(c.roomName(), c.agentIdentity(), null, "{\"x\":1}", null,
                Map.of("team", "voice")).execute());
        assertEquals("voice", updated.getAttributesMap().get("team"));
        assertEquals(c.task().arn(), updated.getAttributesMap().get("ecs.task_arn"), "other attributes kept");
        assertEquals("voice", ok(rooms.getParticipant(c.roomName(), c.agentIdentity()).execute()).getAttributesMap().get("team"));

        TrackInfo track = ok(rooms.mutePublishedTrack(c.roomName(), c.agentIdentity(), agent.getTracks(0).getSid(), true).execute());
        assertTrue(track.getMuted());
        assertTrue(ok(rooms.getParticipant(c.roomName(), c.agentIdentity()).execute()).getTracks(0).getMuted());
        assertEquals(404, rooms.mutePublishedTrack(c.roomName(), c.agentIdentity(), "TR_nope", true).execute().code());
        assertEquals(404, rooms.getParticipant(c.roomName(), "nobody").execute().code());
        assertEquals(404, rooms.getParticipant("no-such-room", "nobody").execute().code());
    }

    @Test
    void removingTheAgentCutsTheCallAndRemovingTheCallerEndsIt() throws Exception {
        GroundTruth before = sim.groundTruth();
        List<CallState> calls = sim.model().read(m -> m.calls().stream().limit(2).toList());
        ok(rooms.removeParticipant(calls.get(0).roomName(), calls.get(0).agentIdentity()).execute());
        ParticipantInfo caller = ok(rooms.listParticipants(calls.get(1).roomName()).execute()).stream()
                .filter(p -> p.getKind() != ParticipantInfo.Kind.AGENT).findFirst().orElseThrow();
        ok(rooms.removeParticipant(calls.get(1).roomName(), caller.getIdentity()).execute());
        GroundTruth after = sim.groundTruth();
        assertEquals(before.cutByRoomClosed() + 1, after.cutByRoomClosed(), "the agent leaving cuts the caller off");
        assertEquals(before.callsEndedNormally() + 1, after.callsEndedNormally(), "the caller leaving ends the call");
        assertEquals(404, rooms.getParticipant(calls.get(0).roomName(), calls.get(0).agentIdentity()).execute().code());
    }

    @Test
    void roomsCanBeCreatedUpdatedMessagedAndDeleted() throws Exception {
        Room made = ok(rooms.createRoom("fixture-room", null, null, null, "{\"purpose\":\"test\"}").execute());
        assertEquals("fixture-room", made.getName());
        assertTrue(ok(rooms.listRooms(List.of("fixture-room")).execute()).stream().anyMatch(r -> r.getName().equals("fixture-room")));
        assertEquals("v2", ok(rooms.updateRoomMetadata("fixture-room", "v2").execute()).getMetadata());
        ok(rooms.sendData("fixture-room", "hello".getBytes(StandardCharsets.UTF_8), DataPacket.Kind.RELIABLE).execute());
        ok(rooms.deleteRoom("fixture-room").execute());
        assertFalse(ok(rooms.listRooms(List.of("fixture-room")).execute()).stream().anyMatch(r -> r.getName().equals("fixture-room")));
        assertEquals(404, rooms.deleteRoom("fixture-room").execute().code());

        CallState c = aCall();
        long cut = sim.groundTruth().cutByRoomClosed();
        ok(rooms.deleteRoom(c.roomName()).execute());
        assertEquals(cut + 1, sim.groundTruth().cutByRoomClosed(), "DeleteRoom disconnects everyone: the call is cut");
    }

    /** Raw Twirp JSON with a token lacking the grant: 401 unauthenticated, as the server answers. */
    @Test
    void grantsAreCheckedAsTheServerDoes() throws Exception {
        CallState c = aCall();
        String listOnly = token(new io.livekit.server.RoomList(true));
        String admin = token(new io.livekit.server.RoomAdmin(true), new io.livekit.server.RoomName(c.roomName()));
        HttpResponse<String> denied = post("DeleteRoom", admin, "{\"room\":\"" + c.roomName() + "\"}");
        assertEquals(401, denied.statusCode(), "DeleteRoom needs roomCreate");
        assertTrue(denied.body().contains("\"code\":\"unauthenticated\""), denied.body());
        assertEquals(401, post("GetParticipant", listOnly, "{\"room\":\"" + c.roomName() + "\",\"identity\":\""
                + c.agentIdentity() + "\"}").statusCode(), "GetParticipant needs roomAdmin on the room");
        HttpResponse<String> got = post("GetParticipant", admin, "{\"room\":\"" + c.roomName() + "\",\"identity\":\""
                + c.agentIdentity() + "\"}");
        assertEquals(200, got.statusCode(), got.body());
        assertTrue(got.body().contains("\"kind\":\"AGENT\""), got.body());
        HttpResponse<String> missing = post("GetParticipant", admin, "{\"room\":\"" + c.roomName() + "\",\"identity\":\"nobody\"}");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("\"code\":\"not_found\""), missing.body());
    }

    private String token(io.livekit.server.VideoGrant... grants) {
        io.livekit.server.AccessToken t = new io.livekit.server.AccessToken(sim.liveKitApiKey(), sim.liveKitApiSecret());
        t.addGrants(grants);
        return t.toJwt();
    }

    private HttpResponse<String> post(String method, String token, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "/twirp/livekit.RoomService/" + method))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

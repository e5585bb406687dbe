package io.drainboard.sim.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import livekit.LivekitRoom.ListParticipantsRequest;
import livekit.LivekitRoom.ListRoomsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auth, routing and decoding failures, each in the shape the real server sends. */
class TwirpHandlerErrorsTest {
    private static final String LIST_ROOMS = "/twirp/livekit.RoomService/ListRooms";
    private static final String LIST_PARTICIPANTS = "/twirp/livekit.RoomService/ListParticipants";
    private static final String PROTOBUF = "application/protobuf";
    private static final String DENIED = "{\"code\":\"unauthenticated\",\"msg\":\"permissions denied\"}";

    private LiveKitTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LiveKitTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String bearer(io.livekit.server.VideoGrant... grants) {
        return "Bearer " + LiveKitTestServer.token(grants);
    }

    private static void assertTwirp(HttpResponse<String> response, int status, String body) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(body, response.body());
    }

    private static void assertPlain(HttpResponse<String> response, int status, String body) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertEquals(body, response.body());
    }

    // --- permission checks inside the RPC: Twirp JSON, 401

    @Test
    void listRoomsWithoutRoomListIsPermissionDenied() throws Exception {
        HttpResponse<String> response = server.post(LIST_ROOMS, PROTOBUF,
                ListRoomsRequest.getDefaultInstance().toByteArray(), bearer(new RoomAdmin(true), new RoomName("call-1")));

        assertTwirp(response, 401, DENIED);
    }

    @Test
    void listParticipantsNeedsAdminOfThatExactRoom() throws Exception {
        byte[] call1 = ListParticipantsRequest.newBuilder().setRoom("call-1").build().toByteArray();

        assertTwirp(server.post(LIST_PARTICIPANTS, PROTOBUF, call1, bearer(new RoomAdmin(true), new RoomName("call-2"))),
                401, DENIED);
        assertTwirp(server.post(LIST_PARTICIPANTS, PROTOBUF, call1, bearer(new RoomName("call-1"))), 401, DENIED);
        assertTwirp(server.post(LIST_PARTICIPANTS, PROTOBUF, call1, bearer(new RoomList(true))), 401, DENIED);
    }

    @Test
    void noTokenAtAllReachesTheRpcAndIsDenied() throws Exception {
        // The middleware lets token-less requests through; the RPC's grant check refuses them.
        assertTwirp(server.post(LIST_ROOMS, PROTOBUF, new byte[0], null), 401, DENIED);
    }

    @Test
    void tokenInTheAccessTokenQueryParameterIsAccepted() throws Exception {
        String token = LiveKitTestServer.token(new RoomList(true));
        HttpResponse<String> response = server.post(LIST_ROOMS + "?access_token=" + token, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), null);

        assertEquals(200, response.statusCode(), response.body());
    }

    // --- token middleware: plain text, 401

    @Test
    void authorizationWithoutBearerPrefix() throws Exception {
        HttpResponse<String> response = server.post(LIST_ROOMS, PROTOBUF, new byte[0],
                "Token " + LiveKitTestServer.token(new RoomList(true)));

        assertPlain(response, 401, "invalid authorization header. Must start with Bearer ");
    }

    @Test
    void garbageToken() throws Exception {
        assertPlain(server.post(LIST_ROOMS, PROTOBUF, new byte[0], "Bearer not.a.jwt"), 401,
                "invalid authorization token");
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        String hs384 = JWT.create()
                .withIssuer(LiveKitTestServer.KEY)
                .withExpiresAt(Instant.now().plusSeconds(600))
                .withClaim("video", Map.of("roomList", true))
                .sign(Algorithm.HMAC384(LiveKitTestServer.SECRET));

        assertPlain(server.post(LIST_ROOMS, PROTOBUF, new byte[0], "Bearer " + hs384), 401,
                "invalid authorization token");
    }

    @Test
    void notYetValidBeyondTheLeeway() throws Exception {
        Algorithm hs256 = Algorithm.HMAC256(LiveKitTestServer.SECRET);
        String early = JWT.create().withIssuer(LiveKitTestServer.KEY)
                .withNotBefore(Instant.now().plusSeconds(30))
                .withClaim("video", Map.of("roomList", true)).sign(hs256);
        String tooEarly = JWT.create().withIssuer(LiveKitTestServer.KEY)
                .withNotBefore(Instant.now().plusSeconds(300))
                .withClaim("video", Map.of("roomList", true)).sign(hs256);

        assertEquals(200, server.post(LIST_ROOMS, PROTOBUF, new byte[0], "Bearer " + early).statusCode(),
                "within the 60 s leeway");
        assertPlain(server.post(LIST_ROOMS, PROTOBUF, new byte[0], "Bearer " + tooEarly), 401,
                "invalid authorization token: go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)");
    }

    @Test
    void tokenProblemsWinOverRouting() throws Exception {
        // The middleware wraps the whole mux, so even an unknown path reports the token first.
        assertPlain(server.post("/twirp/livekit.Nope/Nothing", PROTOBUF, new byte[0], "Bearer x"), 401,
                "invalid authorization token");
    }

    // --- routing: bad_route 404 (twirp), plain 404 (mux), unimplemented 501

    @Test
    void getIsBadRoute() throws Exception {
        assertTwirp(server.get(LIST_ROOMS, bearer(new RoomList(true))), 404,
                "{\"code\":\"bad_route\",\"msg\":\"unsupported method \\\"GET\\\" (only POST is allowed)\","
                        + "\"meta\":{\"twirp_invalid_route\":\"GET /twirp/livekit.RoomService/ListRooms\"}}");
    }

    @Test
    void unknownMethodOfAKnownServiceIsBadRoute() throws Exception {
        assertTwirp(server.post("/twirp/livekit.RoomService/ListEverything", PROTOBUF, new byte[0],
                        bearer(new RoomList(true))), 404,
                "{\"code\":\"bad_route\",\"msg\":\"no handler for path \\\"/twirp/livekit.RoomService/ListEverything\\\"\","
                        + "\"meta\":{\"twirp_invalid_route\":\"POST /twirp/livekit.RoomService/ListEverything\"}}");
    }

    @Test
    void unknownServiceIsTheMuxNotFoundPage() throws Exception {
        assertPlain(server.post("/twirp/livekit.Nope/Nothing", PROTOBUF, new byte[0], bearer(new RoomList(true))),
                404, "404 page not found\n");
    }

    @Test
    void realButUnmodelledRpcIsUnimplemented() throws Exception {
        // UpdateSubscriptions acts on media subscriptions, which the simulator does not model.
        HttpResponse<String> response = server.post("/twirp/livekit.RoomService/UpdateSubscriptions", PROTOBUF, new byte[0],
                bearer(new RoomList(true)));

        assertEquals(501, response.statusCode());
        assertTrue(response.body().startsWith("{\"code\":\"unimplemented\","), response.body());
    }

    @Test
    void unexpectedContentTypeIsBadRoute() throws Exception {
        assertTwirp(server.post(LIST_ROOMS, "text/plain", new byte[0], bearer(new RoomList(true))), 404,
                "{\"code\":\"bad_route\",\"msg\":\"unexpected Content-Type: \\\"text/plain\\\"\","
                        + "\"meta\":{\"twirp_invalid_route\":\"POST /twirp/livekit.RoomService/ListRooms\"}}");
    }

    // --- decoding: malformed 400

    @Test
    void undecodableProtobufIsMalformed() throws Exception {
        byte[] garbage = {(byte) 0x0a, (byte) 0xff, (byte) 0xff}; // field 1, absurd length
        assertTwirp(server.post(LIST_ROOMS, PROTOBUF, garbage, bearer(new RoomList(true))), 400,
                "{\"code\":\"malformed\",\"msg\":\"the protobuf request could not be decoded\"}");
    }

    @Test
    void undecodableJsonIsMalformed() throws Exception {
        String expected = "{\"code\":\"malformed\",\"msg\":\"the json request could not be decoded\"}";
        for (String body : new String[] {"{names:", "", "{\"names\":\"not-a-list\"}"}) {
            assertTwirp(server.post(LIST_ROOMS, "application/json", body.getBytes(StandardCharsets.UTF_8),
                    bearer(new RoomList(true))), 400, expected);
        }
    }

    @Test
    void backendFailureIsTwirpInternal() throws Exception {
        LiveKitBackend broken = new FakeBackend() {
            @Override
            public java.util.List<RoomView> listRooms(java.util.Collection<String> names) {
                throw new IllegalStateException("model exploded");
            }
        };
        try (LiveKitTestServer s = new LiveKitTestServer(broken, java.time.Clock.systemUTC())) {
            assertTwirp(s.post(LIST_ROOMS, PROTOBUF, new byte[0], bearer(new RoomList(true))), 500,
                    "{\"code\":\"internal\",\"msg\":\"model exploded\"}");
        }
    }
}

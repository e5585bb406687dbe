package io.drainboard.sim.livekit;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import livekit.LivekitAgentDispatch;
import livekit.LivekitAgentDispatch.ListAgentDispatchRequest;
import livekit.LivekitAgentDispatch.ListAgentDispatchResponse;
import livekit.LivekitEgress;
import livekit.LivekitIngress;
import livekit.LivekitModels;
import livekit.LivekitRoom;
import livekit.LivekitRoom.ListParticipantsRequest;
import livekit.LivekitRoom.ListParticipantsResponse;
import livekit.LivekitRoom.ListRoomsRequest;
import livekit.LivekitRoom.ListRoomsResponse;
import livekit.LivekitSip;

/**
 * LiveKit's server API as the Java, Python and Node SDKs see it: Twirp over
 * {@code POST /twirp/livekit.<Service>/<Method>} (livekit.md §3). Mount it at context {@code /twirp/}.
 *
 * <p>Request pipeline, in the real server's order: token middleware (plain-text 401s), Go mux (plain
 * 404 for unknown services), twirp routing (bad_route), content type, body decoding (malformed),
 * then the RPC with its permission check (unauthenticated) and backend lookups.
 *
 * <p>Modelled RPCs: RoomService ListRooms, ListParticipants, GetParticipant, RemoveParticipant, UpdateParticipant,
 * MutePublishedTrack, CreateRoom, DeleteRoom, UpdateRoomMetadata, SendData; AgentDispatchService.ListDispatch.
 * Other RPCs of LiveKit's services answer {@code unimplemented}.
 * Thread-safe: all state is immutable; the backend must be thread-safe itself.
 */
public final class TwirpHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(TwirpHandler.class.getName());
    private static final String PREFIX = "/twirp/";
    private static final String ROOM_SERVICE = "livekit.RoomService";
    private static final String DISPATCH_SERVICE = "livekit.AgentDispatchService";

    /**
     * Services the real server mounts on its mux ([SRV] pkg/service/server.go), by full name. Built on the first
     * request for an RPC the simulator does not model: the egress, ingress and SIP descriptors take ~0.1 s to
     * build cold, on the console's start when the simulator is embedded.
     */
    private static final class Mounted {
        static final Map<String, ServiceDescriptor> SERVICES = servicesOf(
                LivekitRoom.getDescriptor(), LivekitAgentDispatch.getDescriptor(),
                LivekitEgress.getDescriptor(), LivekitIngress.getDescriptor(), LivekitSip.getDescriptor());
    }

    private record Rpc(Message requestPrototype, BiFunction<VideoGrants, Message, Message> call) {}

    private final LiveKitBackend backend;
    private final TokenVerifier tokens;
    private final Map<String, Rpc> rpcs;

    public TwirpHandler(LiveKitBackend backend, String apiKey, String apiSecret, Clock clock) {
        this.backend = backend;
        this.tokens = new TokenVerifier(apiKey, apiSecret, clock);
        this.rpcs = Map.ofEntries(
                Map.entry(ROOM_SERVICE + "/ListRooms", new Rpc(ListRoomsRequest.getDefaultInstance(),
                        (g, r) -> listRooms(g, (ListRoomsRequest) r))),
                Map.entry(ROOM_SERVICE + "/ListParticipants", new Rpc(ListParticipantsRequest.getDefaultInstance(),
                        (g, r) -> listParticipants(g, (ListParticipantsRequest) r))),
                Map.entry(DISPATCH_SERVICE + "/ListDispatch", new Rpc(ListAgentDispatchRequest.getDefaultInstance(),
                        (g, r) -> listDispatch(g, (ListAgentDispatchRequest) r))),
                Map.entry(ROOM_SERVICE + "/GetParticipant", new Rpc(LivekitRoom.RoomParticipantIdentity.getDefaultInstance(),
                        (g, r) -> getParticipant(g, (LivekitRoom.RoomParticipantIdentity) r))),
                Map.entry(ROOM_SERVICE + "/RemoveParticipant", new Rpc(LivekitRoom.RoomParticipantIdentity.getDefaultInstance(),
                        (g, r) -> removeParticipant(g, (LivekitRoom.RoomParticipantIdentity) r))),
                Map.entry(ROOM_SERVICE + "/UpdateParticipant", new Rpc(LivekitRoom.UpdateParticipantRequest.getDefaultInstance(),
                        (g, r) -> updateParticipant(g, (LivekitRoom.UpdateParticipantRequest) r))),
                Map.entry(ROOM_SERVICE + "/MutePublishedTrack", new Rpc(LivekitRoom.MuteRoomTrackRequest.getDefaultInstance(),
                        (g, r) -> muteTrack(g, (LivekitRoom.MuteRoomTrackRequest) r))),
                Map.entry(ROOM_SERVICE + "/DeleteRoom", new Rpc(LivekitRoom.DeleteRoomRequest.getDefaultInstance(),
                        (g, r) -> deleteRoom(g, (LivekitRoom.DeleteRoomRequest) r))),
                Map.entry(ROOM_SERVICE + "/CreateRoom", new Rpc(LivekitRoom.CreateRoomRequest.getDefaultInstance(),
                        (g, r) -> createRoom(g, (LivekitRoom.CreateRoomRequest) r))),
                Map.entry(ROOM_SERVICE + "/UpdateRoomMetadata", new Rpc(LivekitRoom.UpdateRoomMetadataRequest.getDefaultInstance(),
                        (g, r) -> updateRoomMetadata(g, (LivekitRoom.UpdateRoomMetadataRequest) r))),
                Map.entry(ROOM_SERVICE + "/SendData", new Rpc(LivekitRoom.SendDataRequest.getDefaultInstance(),
                        (g, r) -> sendData(g, (LivekitRoom.SendDataRequest) r))));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            VideoGrants grants;
            try {
                grants = tokens.verify(exchange.getRequestHeaders().getFirst("Authorization"),
                        queryParameter(exchange, "access_token"));
            } catch (TokenVerifier.Rejected r) {
                // HandleError writes err.Error() with no content type; Go sniffs text/plain
                // ([SRV] pkg/service/utils.go L84–87).
                sendPlain(exchange, 401, r.getMessage());
                return;
            }
            serve(exchange, grants, body);
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange, VideoGrants grants, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String service = serviceOf(path);
        boolean modelled = path.startsWith(PREFIX) && rpcs.containsKey(path.substring(PREFIX.length()));
        if (!modelled && !Mounted.SERVICES.containsKey(service)) {
            // No twirp server owns the path: the mux's catch-all answers http.NotFound.
            sendPlain(exchange, 404, "404 page not found\n");
            return;
        }
        try {
            Rpc rpc = route(exchange.getRequestMethod(), path, service);
            String contentType = nullToEmpty(exchange.getRequestHeaders().getFirst("Content-Type"));
            TwirpWire wire = TwirpWire.forContentType(contentType);
            if (wire == null) {
                throw TwirpException.badRoute("unexpected Content-Type: " + TwirpWire.goQuote(contentType),
                        exchange.getRequestMethod(), path);
            }
            Message request = wire.decode(body, rpc.requestPrototype());
            byte[] response = wire.encode(rpc.call().apply(grants, request));
            send(exchange, 200, wire.contentType(), response);
        } catch (TwirpException e) {
            sendTwirpError(exchange, e);
        } catch (RuntimeException e) {
            // twirp wraps non-twirp errors as internal (twirp.InternalErrorWith).
            LOG.log(Level.WARNING, "LiveKit backend failed on " + path, e);
            sendTwirpError(exchange, new TwirpException(TwirpCode.INTERNAL, String.valueOf(e.getMessage())));
        }
    }

    /**
     * The generated ServeHTTP ([PROTO] livekit/livekit_room.twirp.go, twirp v8.1.3): POST only, then
     * {@code <prefix>/<package>.<Service>/<Method>}; failures are bad_route, HTTP 404 (livekit.md §3.4).
     */
    private Rpc route(String method, String path, String service) {
        if (!"POST".equals(method)) {
            throw TwirpException.badRoute(
                    "unsupported method " + TwirpWire.goQuote(method) + " (only POST is allowed)", method, path);
        }
        String rpcName = path.substring(PREFIX.length() + service.length() + 1);
        Rpc rpc = rpcs.get(service + "/" + rpcName);
        if (rpc != null) {
            return rpc;
        }
        if (Mounted.SERVICES.get(service).findMethodByName(rpcName) != null) {
            // A real RPC the simulator does not model: say so rather than pretend the route is wrong.
            throw new TwirpException(TwirpCode.UNIMPLEMENTED,
                    service + "/" + rpcName + " is not modelled by the Drainboard simulator");
        }
        throw TwirpException.badRoute("no handler for path " + TwirpWire.goQuote(path), method, path);
    }

    // --- RPCs (permission checks as in [SRV] pkg/service/roomservice.go / agent_dispatch_service.go)

    private Message listRooms(VideoGrants grants, ListRoomsRequest request) {
        if (!grants.mayList()) {
            throw permissionDenied();
        }
        List<RoomView> rooms = backend.listRooms(request.getNamesList());
        ListRoomsResponse.Builder out = ListRoomsResponse.newBuilder();
        for (RoomView room : rooms) {
            out.addRooms(ProtoMapping.room(room));
        }
        return out.build();
    }

    private Message listParticipants(VideoGrants grants, ListParticipantsRequest request) {
        if (!grants.mayAdminister(request.getRoom())) {
            throw permissionDenied();
        }
        Optional<List<ParticipantView>> participants = backend.listParticipants(request.getRoom());
        if (participants.isEmpty()) {
            // ErrRoomNotFound is a NotFound psrpc error → twirp not_found
            // ([SRV] pkg/service/errors.go L37–38; [PROTO] utils/xtwirp/errors.go L162–172).
            throw new TwirpException(TwirpCode.NOT_FOUND, "requested room does not exist");
        }
        ListParticipantsResponse.Builder out = ListParticipantsResponse.newBuilder();
        for (ParticipantView p : participants.get()) {
            out.addParticipants(ProtoMapping.participant(p));
        }
        return out.build();
    }

    private Message listDispatch(VideoGrants grants, ListAgentDispatchRequest request) {
        if (!grants.mayAdminister(request.getRoom())) {
            throw permissionDenied();
        }
        // dispatch_id is an optional filter ([PROTO] livekit_agent_dispatch.proto, ListAgentDispatchRequest).
        String only = request.getDispatchId();
        ListAgentDispatchResponse.Builder out = ListAgentDispatchResponse.newBuilder();
        for (DispatchView d : backend.listDispatches(request.getRoom())) {
            if (only.isEmpty() || only.equals(d.id())) {
                out.addAgentDispatches(ProtoMapping.dispatch(d));
            }
        }
        return out.build();
    }

    // RoomService RPCs beyond the reads ([SRV] pkg/service/roomservice.go; grants per livekit.md §3.1): the room-
    // and participant-level ones need roomAdmin on that room, CreateRoom and DeleteRoom need roomCreate. Unknown
    // rooms, participants and tracks are not_found with the server's texts ([SRV] pkg/service/errors.go).

    private Message getParticipant(VideoGrants grants, LivekitRoom.RoomParticipantIdentity r) {
        admin(grants, r.getRoom());
        return participantInfo(r.getRoom(), found(() -> backend.participant(r.getRoom(), r.getIdentity())));
    }

    private Message removeParticipant(VideoGrants grants, LivekitRoom.RoomParticipantIdentity r) {
        admin(grants, r.getRoom());
        found(() -> {
            backend.removeParticipant(r.getRoom(), r.getIdentity());
            return null;
        });
        return LivekitRoom.RemoveParticipantResponse.getDefaultInstance();
    }

    private Message updateParticipant(VideoGrants grants, LivekitRoom.UpdateParticipantRequest r) {
        admin(grants, r.getRoom());
        ParticipantView p = found(() -> backend.updateParticipant(r.getRoom(), r.getIdentity(), r.getName(), r.getMetadata(),
                r.getAttributesMap()));
        LivekitModels.ParticipantInfo.Builder b = participantInfo(r.getRoom(), p).toBuilder();
        if (!r.getMetadata().isEmpty()) b.setMetadata(r.getMetadata());
        return b.build();
    }

    private Message muteTrack(VideoGrants grants, LivekitRoom.MuteRoomTrackRequest r) {
        admin(grants, r.getRoom());
        String sid = found(() -> backend.muteTrack(r.getRoom(), r.getIdentity(), r.getTrackSid(), r.getMuted()));
        return LivekitRoom.MuteRoomTrackResponse.newBuilder().setTrack(LivekitModels.TrackInfo.newBuilder().setSid(sid)
                .setType(LivekitModels.TrackType.AUDIO).setSource(LivekitModels.TrackSource.MICROPHONE).setMuted(r.getMuted()))
                .build();
    }

    private Message deleteRoom(VideoGrants grants, LivekitRoom.DeleteRoomRequest r) {
        if (!grants.mayCreate()) throw permissionDenied();
        found(() -> {
            backend.deleteRoom(r.getRoom());
            return null;
        });
        return LivekitRoom.DeleteRoomResponse.getDefaultInstance();
    }

    private Message createRoom(VideoGrants grants, LivekitRoom.CreateRoomRequest r) {
        if (!grants.mayCreate()) throw permissionDenied();
        return ProtoMapping.room(backend.createRoom(r.getName(), r.getMetadata()));
    }

    private Message updateRoomMetadata(VideoGrants grants, LivekitRoom.UpdateRoomMetadataRequest r) {
        admin(grants, r.getRoom());
        return ProtoMapping.room(found(() -> backend.updateRoomMetadata(r.getRoom(), r.getMetadata())));
    }

    private Message sendData(VideoGrants grants, LivekitRoom.SendDataRequest r) {
        admin(grants, r.getRoom());
        found(() -> {
            backend.sendData(r.getRoom());
            return null;
        });
        return LivekitRoom.SendDataResponse.getDefaultInstance();
    }

    private LivekitModels.ParticipantInfo participantInfo(String room, ParticipantView p) {
        return ProtoMapping.participant(p).toBuilder().addTracks(LivekitModels.TrackInfo.newBuilder()
                .setSid(io.drainboard.sim.model.LiveKitRooms.trackSid(p)).setType(LivekitModels.TrackType.AUDIO)
                .setSource(LivekitModels.TrackSource.MICROPHONE).setMuted(backend.trackMuted(room, p.identity()))).build();
    }

    private static void admin(VideoGrants grants, String room) {
        if (!grants.mayAdminister(room)) throw permissionDenied();
    }

    private static <T> T found(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (LiveKitBackend.NotFound e) {
            throw new TwirpException(TwirpCode.NOT_FOUND, e.getMessage());
        }
    }

    /** twirpAuthError(ErrPermissionDenied): unauthenticated, i.e. HTTP 401 ([SRV] auth.go L46, L259–261). */
    private static TwirpException permissionDenied() {
        return new TwirpException(TwirpCode.UNAUTHENTICATED, "permissions denied");
    }

    // --- plumbing

    /** The {@code <package>.<Service>} segment right after {@code /twirp/}, or "" if there is none. */
    private static String serviceOf(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return "";
        }
        int end = path.indexOf('/', PREFIX.length());
        return end < 0 ? "" : path.substring(PREFIX.length(), end);
    }

    private static Map<String, ServiceDescriptor> servicesOf(FileDescriptor... files) {
        Map<String, ServiceDescriptor> byName = new HashMap<>();
        for (FileDescriptor file : files) {
            for (ServiceDescriptor s : file.getServices()) {
                byName.put(s.getFullName(), s);
            }
        }
        return Map.copyOf(byName);
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void sendTwirpError(HttpExchange exchange, TwirpException e) throws IOException {
        // "Error responses are always JSON" (twirp writeError), whatever the request's content type.
        send(exchange, e.code().httpStatus(), "application/json", TwirpWire.errorBody(e));
    }

    private static void sendPlain(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // -1 means "no body" to the JDK server; 0 would switch to chunked encoding.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

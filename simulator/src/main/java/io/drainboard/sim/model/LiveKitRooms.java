package io.drainboard.sim.model;

import io.drainboard.sim.livekit.DispatchView;
import io.drainboard.sim.livekit.LiveKitBackend;
import io.drainboard.sim.livekit.ParticipantView;
import io.drainboard.sim.livekit.RoomView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LiveKit server's view of the fleet's calls: one room per call, holding the caller and one agent
 * participant whose attributes carry the task ARN (the worker stamps it at JobRequest.accept, DESIGN.md
 * §4) and the agent name the server adds (lk.agent_name, shared/reference/livekit.md §2).
 */
public final class LiveKitRooms implements LiveKitBackend {
    public static final String TASK_ATTRIBUTE = "ecs.task_arn";
    private final FleetModel model;

    public LiveKitRooms(FleetModel model) {
        this.model = model;
    }

    /** Rooms a client made with CreateRoom (no call in them), by name; guarded by the model lock. */
    private final Map<String, RoomView> created = new java.util.LinkedHashMap<>();
    /** Room metadata set by UpdateRoomMetadata, by room name. */
    private final Map<String, String> roomMetadata = new java.util.HashMap<>();
    /** What UpdateParticipant changed, by room + "/" + identity. */
    private final Map<String, ParticipantView> updated = new java.util.HashMap<>();
    /** Muted audio tracks, by room + "/" + identity. */
    private final java.util.Set<String> muted = new java.util.HashSet<>();

    @Override
    public List<RoomView> listRooms(Collection<String> names) {
        return model.read(m -> {
            List<RoomView> out = new ArrayList<>();
            if (names.isEmpty()) {
                for (CallState c : m.calls()) out.add(room(c));
                out.addAll(created.values());
            } else {
                for (String n : names) {
                    Optional<CallState> c = m.call(n);
                    if (c.isPresent()) out.add(room(c.get()));
                    else if (created.containsKey(n)) out.add(created.get(n));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<List<ParticipantView>> listParticipants(String room) {
        return model.read(m -> {
            if (created.containsKey(room)) return Optional.of(List.of());
            return m.call(room).map(c -> participants(c).stream().map(p -> updated.getOrDefault(room + "/" + p.identity(), p))
                    .toList());
        });
    }

    private static List<ParticipantView> participants(CallState c) {
        return List.of(
                new ParticipantView("PA_caller" + c.roomSid().substring(3), "sip_+1555" + Math.abs(c.roomName().hashCode() % 10_000_000),
                        "Caller", false, c.startedAt().toEpochMilli(), Map.of("sip.callStatus", "active")),
                new ParticipantView(c.participantSid(), c.agentIdentity(), c.task().service().worker().agentName(),
                        true, c.startedAt().plusMillis(850).toEpochMilli(),
                        c.task().service().worker().attributeTaskArn()
                                ? Map.of(TASK_ATTRIBUTE, c.task().arn(), "lk.agent_name", c.task().service().worker().agentName())
                                : Map.of("lk.agent_name", c.task().service().worker().agentName())));
    }

    /** [SRV] pkg/service/errors.go: ErrRoomNotFound, ErrParticipantNotFound, ErrTrackNotFound. */
    private static final String NO_ROOM = "requested room does not exist";
    private static final String NO_PARTICIPANT = "participant does not exist";
    private static final String NO_TRACK = "track is not found";

    private ParticipantView find(FleetModel m, String room, String identity) {
        List<ParticipantView> ps = listParticipants(room).orElseThrow(() -> new NotFound(NO_ROOM));
        return ps.stream().filter(p -> p.identity().equals(identity)).findFirst().orElseThrow(() -> new NotFound(NO_PARTICIPANT));
    }

    @Override
    public ParticipantView participant(String room, String identity) {
        return model.read(m -> find(m, room, identity));
    }

    @Override
    public void removeParticipant(String room, String identity) {
        model.read(m -> {
            ParticipantView p = find(m, room, identity);
            // The agent leaving ends its job ("agent worker left the room"): the caller is cut off. The caller
            // leaving ends the call as a hang-up does.
            m.endCall(room, p.agent());
            return null;
        });
    }

    @Override
    public ParticipantView updateParticipant(String room, String identity, String name, String metadata,
                                             Map<String, String> attributes) {
        return model.read(m -> {
            ParticipantView p = find(m, room, identity);
            Map<String, String> attrs = new java.util.LinkedHashMap<>(p.attributes());
            attributes.forEach((k, v) -> {
                if (v.isEmpty()) attrs.remove(k);
                else attrs.put(k, v);
            });
            ParticipantView u = new ParticipantView(p.sid(), p.identity(), name.isEmpty() ? p.name() : name, p.agent(),
                    p.joinedAtMs(), attrs);
            updated.put(room + "/" + identity, u);
            return u;
        });
    }

    @Override
    public String muteTrack(String room, String identity, String trackSid, boolean mute) {
        return model.read(m -> {
            ParticipantView p = find(m, room, identity);
            if (!trackSid.equals(trackSid(p))) throw new NotFound(NO_TRACK);
            if (mute) muted.add(room + "/" + identity);
            else muted.remove(room + "/" + identity);
            return trackSid;
        });
    }

    @Override
    public boolean trackMuted(String room, String identity) {
        return model.read(m -> muted.contains(room + "/" + identity));
    }

    /** Each participant publishes one audio track (the call's voice). */
    public static String trackSid(ParticipantView p) {
        return "TR_" + p.sid().substring(Math.min(3, p.sid().length()));
    }

    @Override
    public void deleteRoom(String room) {
        model.read(m -> {
            if (created.remove(room) != null) return null;
            if (!m.endCall(room, true)) throw new NotFound(NO_ROOM);
            return null;
        });
    }

    @Override
    public RoomView createRoom(String name, String metadata) {
        return model.read(m -> {
            Optional<CallState> c = m.call(name);
            if (c.isPresent()) return room(c.get());
            return created.computeIfAbsent(name, n -> new RoomView("RM_" + java.util.UUID.nameUUIDFromBytes(n.getBytes())
                    .toString().replace("-", "").substring(0, 12), n, m.now().toEpochMilli(), 0, metadata));
        });
    }

    @Override
    public RoomView updateRoomMetadata(String room, String metadata) {
        return model.read(m -> {
            RoomView r = created.get(room);
            if (r != null) {
                RoomView u = new RoomView(r.sid(), r.name(), r.creationTimeMs(), r.numParticipants(), metadata);
                created.put(room, u);
                return u;
            }
            CallState c = m.call(room).orElseThrow(() -> new NotFound(NO_ROOM));
            roomMetadata.put(room, metadata);
            return room(c);
        });
    }

    @Override
    public void sendData(String room) {
        model.read(m -> {
            if (!created.containsKey(room) && m.call(room).isEmpty()) throw new NotFound(NO_ROOM);
            return null;
        });
    }

    @Override
    public List<DispatchView> listDispatches(String room) {
        return model.read(m -> m.call(room).map(c -> List.of(new DispatchView("AD_" + c.roomSid().substring(3),
                c.task().service().worker().agentName(), c.roomName(), ""))).orElse(List.of()));
    }

    private RoomView room(CallState c) {
        // numParticipants counts the caller only: the server leaves agents out of it.
        return new RoomView(c.roomSid(), c.roomName(), c.startedAt().toEpochMilli(), 1, roomMetadata.getOrDefault(c.roomName(), ""));
    }
}

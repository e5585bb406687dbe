package io.drainboard.sim.livekit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the LiveKit Twirp front end needs from the simulator's fleet model. The model implements
 * this; {@link TwirpHandler} turns the answers into LiveKit protobuf messages. Implementations must
 * be thread-safe: the HTTP server calls them from a pool.
 */
public interface LiveKitBackend {

    /**
     * Rooms, in a stable order. An empty collection means all rooms; otherwise only rooms whose name
     * is listed, silently skipping unknown names (as the server's room store does).
     */
    List<RoomView> listRooms(Collection<String> namesOrEmpty);

    /** Participants of a room, or an empty Optional when the room does not exist. */
    Optional<List<ParticipantView>> listParticipants(String room);

    /** Agent dispatches of a room; empty for an unknown room. */
    List<DispatchView> listDispatches(String room);
}

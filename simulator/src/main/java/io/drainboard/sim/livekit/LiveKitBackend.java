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

    // The calls below have defaults so a backend that models only the reads still compiles; the fleet model
    // (model.LiveKitRooms) implements them all.

    /** A failure a RoomService call answers with, as the server words it. */
    final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** GetParticipant. @throws NotFound for an unknown room or participant */
    default ParticipantView participant(String room, String identity) {
        throw new NotFound("requested room does not exist");
    }

    /** RemoveParticipant: the participant leaves (an agent leaving ends the call). @throws NotFound */
    default void removeParticipant(String room, String identity) {
        throw new NotFound("requested room does not exist");
    }

    /** UpdateParticipant: name and metadata when non-empty; attributes merged, an empty value deletes. @throws NotFound */
    default ParticipantView updateParticipant(String room, String identity, String name, String metadata,
                                              java.util.Map<String, String> attributes) {
        throw new NotFound("requested room does not exist");
    }

    /** MutePublishedTrack: the participant's track (its audio) muted or not; returns its sid. @throws NotFound */
    default String muteTrack(String room, String identity, String trackSid, boolean muted) {
        throw new NotFound("requested room does not exist");
    }

    /** Whether the track is muted now. */
    default boolean trackMuted(String room, String identity) {
        return false;
    }

    /** DeleteRoom: everyone is disconnected (a call on it is cut). @throws NotFound */
    default void deleteRoom(String room) {
        throw new NotFound("requested room does not exist");
    }

    /** CreateRoom: a new empty room, or the existing one of that name. */
    default RoomView createRoom(String name, String metadata) {
        throw new UnsupportedOperationException("CreateRoom");
    }

    /** UpdateRoomMetadata. @throws NotFound */
    default RoomView updateRoomMetadata(String room, String metadata) {
        throw new NotFound("requested room does not exist");
    }

    /** SendData: delivered to the room's participants (the model only checks the room exists). @throws NotFound */
    default void sendData(String room) {
        throw new NotFound("requested room does not exist");
    }
}

package io.drainboard.sim.livekit;

import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitAgentDispatch.AgentDispatchState;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;

/** Views of the fleet model → the LiveKit protobuf messages a real server would return. */
final class ProtoMapping {
    /** Server default room.empty_timeout, seconds ([SRV] pkg/config/config.go DefaultConfig.Room). */
    static final int DEFAULT_EMPTY_TIMEOUT_S = 5 * 60;
    /** Server default room.departure_timeout, seconds (same DefaultConfig). */
    static final int DEFAULT_DEPARTURE_TIMEOUT_S = 20;

    private ProtoMapping() {}

    /** Field numbers and units per [PROTO] livekit_models.proto L44–64 (docs/livekit-facts.md#agent-participants). */
    static Room room(RoomView v) {
        return Room.newBuilder()
                .setSid(v.sid())
                .setName(v.name())
                .setEmptyTimeout(DEFAULT_EMPTY_TIMEOUT_S)
                .setDepartureTimeout(DEFAULT_DEPARTURE_TIMEOUT_S)
                // creation_time is seconds: CreationTime = now.Unix() ([SRV] pkg/rtc/room.go L303)
                .setCreationTime(Math.floorDiv(v.creationTimeMs(), 1000L))
                .setCreationTimeMs(v.creationTimeMs())
                .setNumParticipants(v.numParticipants())
                .setMetadata(v.metadata())
                .build();
    }

    /** Per [PROTO] livekit_models.proto L135–208; JoinedAt/JoinedAtMs per [SRV] participant.go L926–927. */
    static ParticipantInfo participant(ParticipantView v) {
        return ParticipantInfo.newBuilder()
                .setSid(v.sid())
                .setIdentity(v.identity())
                .setName(v.name())
                .setState(ParticipantInfo.State.ACTIVE)
                .setJoinedAt(Math.floorDiv(v.joinedAtMs(), 1000L))
                .setJoinedAtMs(v.joinedAtMs())
                // An agent is a live call's voice: it publishes audio, so it counts as a publisher.
                .setKind(v.agent() ? ParticipantInfo.Kind.AGENT : ParticipantInfo.Kind.STANDARD)
                .setIsPublisher(v.agent())
                .putAllAttributes(v.attributes())
                .build();
    }

    /**
     * Per [PROTO] livekit_agent_dispatch.proto. The server always sets {@code state}; the view has no
     * jobs or timestamps, so it stays empty here.
     */
    static AgentDispatch dispatch(DispatchView v) {
        return AgentDispatch.newBuilder()
                .setId(v.id())
                .setAgentName(v.agentName())
                .setRoom(v.room())
                .setMetadata(v.metadata())
                .setState(AgentDispatchState.getDefaultInstance())
                .build();
    }
}

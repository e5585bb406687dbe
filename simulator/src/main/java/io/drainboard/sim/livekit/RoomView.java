package io.drainboard.sim.livekit;

import java.util.Objects;

/**
 * One room as the fleet model sees it.
 *
 * @param numParticipants participants that are not agents or egress: the server counts only
 *     non-dependent participants ([SRV] pkg/rtc/room.go L1587–1597, docs/livekit-facts.md#agent-participants)
 * @param metadata room metadata; null is sent as ""
 */
public record RoomView(String sid, String name, long creationTimeMs, int numParticipants, String metadata) {
    public RoomView {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(name, "name");
        metadata = metadata == null ? "" : metadata;
    }
}

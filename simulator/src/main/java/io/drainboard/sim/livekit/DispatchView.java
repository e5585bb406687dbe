package io.drainboard.sim.livekit;

import java.util.Objects;

/**
 * One agent dispatch of a room.
 *
 * @param id dispatch id, {@code AD_} prefix ([PROTO] utils/guid/id.go L55–58)
 * @param agentName empty for automatic dispatch ([SRV] room.go L1895–1912)
 */
public record DispatchView(String id, String agentName, String room, String metadata) {
    public DispatchView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        agentName = agentName == null ? "" : agentName;
        metadata = metadata == null ? "" : metadata;
    }
}

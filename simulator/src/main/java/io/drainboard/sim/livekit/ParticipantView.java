package io.drainboard.sim.livekit;

import java.util.Map;
import java.util.Objects;

/**
 * One participant of a room.
 *
 * @param agent true for an agent worker's participant (sent as kind AGENT)
 * @param attributes participant attributes, e.g. {@code ecs.task_arn} stamped by the worker at
 *     {@code JobRequest.accept(attributes=…)}; null means none
 */
public record ParticipantView(
        String sid, String identity, String name, boolean agent, long joinedAtMs, Map<String, String> attributes) {
    public ParticipantView {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(identity, "identity");
        name = name == null ? "" : name;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Each participant publishes one audio track (the call's voice); its sid derives from the participant's. */
    public String trackSid() {
        return "TR_" + sid.substring(Math.min(3, sid.length()));
    }
}

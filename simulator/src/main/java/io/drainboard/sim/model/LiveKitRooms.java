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

    @Override
    public List<RoomView> listRooms(Collection<String> names) {
        return model.read(m -> {
            List<RoomView> out = new ArrayList<>();
            if (names.isEmpty()) {
                for (CallState c : m.calls()) out.add(room(c));
            } else {
                for (String n : names) m.call(n).ifPresent(c -> out.add(room(c)));
            }
            return out;
        });
    }

    @Override
    public Optional<List<ParticipantView>> listParticipants(String room) {
        return model.read(m -> m.call(room).map(c -> List.of(
                new ParticipantView("PA_caller" + c.roomSid().substring(3), "sip_+1555" + Math.abs(c.roomName().hashCode() % 10_000_000),
                        "Caller", false, c.startedAt().toEpochMilli(), Map.of("sip.callStatus", "active")),
                new ParticipantView(c.participantSid(), c.agentIdentity(), c.task().service().worker().agentName(),
                        true, c.startedAt().plusMillis(850).toEpochMilli(),
                        c.task().service().worker().attributeTaskArn()
                                ? Map.of(TASK_ATTRIBUTE, c.task().arn(), "lk.agent_name", c.task().service().worker().agentName())
                                : Map.of("lk.agent_name", c.task().service().worker().agentName())))));
    }

    @Override
    public List<DispatchView> listDispatches(String room) {
        return model.read(m -> m.call(room).map(c -> List.of(new DispatchView("AD_" + c.roomSid().substring(3),
                c.task().service().worker().agentName(), c.roomName(), ""))).orElse(List.of()));
    }

    private static RoomView room(CallState c) {
        // numParticipants counts the caller only: the server leaves agents out of it.
        return new RoomView(c.roomSid(), c.roomName(), c.startedAt().toEpochMilli(), 1, "");
    }
}

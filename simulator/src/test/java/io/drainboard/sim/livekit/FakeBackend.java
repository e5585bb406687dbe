package io.drainboard.sim.livekit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed little fleet: two rooms with calls, one empty room. */
class FakeBackend implements LiveKitBackend {
    static final String TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/voice/0a1b2c3d4e5f";
    static final long CREATED_MS = 1_767_225_600_123L; // 2026-01-01T00:00:00.123Z
    static final long JOINED_MS = 1_767_225_601_999L;

    private final Map<String, RoomView> rooms = new LinkedHashMap<>();
    private final Map<String, List<ParticipantView>> participants = new LinkedHashMap<>();
    private final Map<String, List<DispatchView>> dispatches = new LinkedHashMap<>();

    FakeBackend() {
        room("RM_call1", "call-1", 1, "{\"caller\":\"+4420\"}");
        room("RM_call2", "call-2", 1, null);
        room("RM_empty", "empty", 0, null);
        participants.put("call-1", List.of(
                new ParticipantView("PA_caller", "sip_+442071838750", "Caller", false, JOINED_MS, Map.of()),
                new ParticipantView("PA_agent1", "agent-AJ_abc", "voice", true, JOINED_MS,
                        Map.of("ecs.task_arn", TASK_ARN, "lk.agent.state", "listening"))));
        participants.put("call-2", List.of(
                new ParticipantView("PA_agent2", "agent-AJ_def", "voice", true, JOINED_MS, Map.of("ecs.task_arn", TASK_ARN))));
        participants.put("empty", List.of());
        dispatches.put("call-1", List.of(
                new DispatchView("AD_one", "voice", "call-1", "{\"k\":1}"),
                new DispatchView("AD_two", "", "call-1", null)));
    }

    private void room(String sid, String name, int numParticipants, String metadata) {
        rooms.put(name, new RoomView(sid, name, CREATED_MS, numParticipants, metadata));
    }

    @Override
    public List<RoomView> listRooms(Collection<String> namesOrEmpty) {
        if (namesOrEmpty.isEmpty()) {
            return List.copyOf(rooms.values());
        }
        return namesOrEmpty.stream().filter(rooms::containsKey).map(rooms::get).toList();
    }

    @Override
    public Optional<List<ParticipantView>> listParticipants(String room) {
        return Optional.ofNullable(participants.get(room));
    }

    @Override
    public List<DispatchView> listDispatches(String room) {
        return dispatches.getOrDefault(room, List.of());
    }
}

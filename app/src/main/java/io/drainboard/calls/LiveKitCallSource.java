package io.drainboard.calls;

import io.livekit.server.RoomServiceClient;
import livekit.LivekitModels;
import retrofit2.Response;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per task from LiveKit, the authoritative source (DESIGN.md §4): one ListRooms per refresh, and
 * ListParticipants only for rooms not seen before, because a room's agent (and so its task) never
 * changes. A live call is a room with an agent participant (kind AGENT) whose attribute names the task.
 */
public final class LiveKitCallSource implements CallSource {
    private static final String SOURCE = "livekit";

    /** What we learned about a room the first time we saw it; null taskArn = agent without the attribute. */
    private record RoomFacts(String taskArn, Instant startedAt) {
    }

    private final RoomServiceClient rooms;
    private final String taskAttribute;
    private final Clock clock;
    private final Map<String, RoomFacts> known = new ConcurrentHashMap<>();

    public LiveKitCallSource(RoomServiceClient rooms, String taskAttribute, Clock clock) {
        this.rooms = rooms;
        this.taskAttribute = taskAttribute;
        this.clock = clock;
    }

    @Override
    public CallsReading read() {
        Instant at = clock.instant();
        List<LivekitModels.Room> list;
        try {
            Response<List<LivekitModels.Room>> r = rooms.listRooms().execute();
            if (!r.isSuccessful()) return CallsReading.failed(SOURCE, at, explain(r));
            list = r.body() == null ? List.of() : r.body();
        } catch (IOException | RuntimeException e) {
            return CallsReading.failed(SOURCE, at, "cannot reach LiveKit (" + e.getMessage()
                    + "); check livekit.url and the network/VPN");
        }
        Set<String> live = new HashSet<>();
        Map<String, List<ActiveCall>> byTask = new HashMap<>();
        int unattributed = 0;
        for (LivekitModels.Room room : list) {
            live.add(room.getName());
            RoomFacts facts = known.get(room.getName());
            if (facts == null) {
                Optional<RoomFacts> learned;
                try {
                    learned = learn(room);
                } catch (IOException | RuntimeException e) {
                    return CallsReading.failed(SOURCE, at, "LiveKit ListParticipants failed (" + e.getMessage() + ")");
                }
                if (learned.isEmpty()) continue; // no agent yet: not a call (yet); look again next refresh
                facts = learned.get();
                known.put(room.getName(), facts);
            }
            if (facts.taskArn == null) {
                unattributed++;
            } else {
                byTask.computeIfAbsent(facts.taskArn, k -> new ArrayList<>())
                        .add(new ActiveCall(room.getName(), facts.taskArn, facts.startedAt));
            }
        }
        known.keySet().retainAll(live);
        return new CallsReading(SOURCE, at, byTask, unattributed, Optional.empty());
    }

    private Optional<RoomFacts> learn(LivekitModels.Room room) throws IOException {
        Response<List<LivekitModels.ParticipantInfo>> r = rooms.listParticipants(room.getName()).execute();
        if (r.code() == 404) return Optional.empty(); // the room ended between the two calls
        if (!r.isSuccessful()) throw new IOException(explain(r));
        for (LivekitModels.ParticipantInfo p : r.body() == null ? List.<LivekitModels.ParticipantInfo>of() : r.body()) {
            if (p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT) {
                String task = p.getAttributesMap().get(taskAttribute);
                long startMs = room.getCreationTimeMs() > 0 ? room.getCreationTimeMs() : room.getCreationTime() * 1000;
                return Optional.of(new RoomFacts(task == null || task.isBlank() ? null : task,
                        Instant.ofEpochMilli(startMs)));
            }
        }
        return Optional.empty();
    }

    private static String explain(Response<?> r) {
        String detail;
        try (var body = r.errorBody()) {
            detail = body == null ? "" : body.string().trim();
        } catch (IOException e) {
            detail = "";
        }
        if (r.code() == 401) {
            return "LiveKit rejected the API key/secret (401 " + detail + "); check the key and secret the profile names";
        }
        return "LiveKit answered HTTP " + r.code() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}

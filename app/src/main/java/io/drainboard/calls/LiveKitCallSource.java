package io.drainboard.calls;

import io.drainboard.aws.Backoff;
import io.drainboard.aws.RequestScheduler;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per task from LiveKit, the authoritative source (docs/livekit-facts.md#agent-participants): one ListRooms per refresh, and
 * ListParticipants only for rooms not seen before, because a room's agent (and so its task) never
 * changes. A live call is a room with an agent participant (kind AGENT) whose attribute names the task.
 * The ListParticipants of new rooms go out together through the scheduler (bounded like every request).
 */
public final class LiveKitCallSource implements CallSource {
    private static final String SOURCE = "livekit";

    /** What we learned about a room the first time we saw it; null taskArn = agent without the attribute. */
    private record RoomFacts(String taskArn, Instant startedAt) {
    }

    private final java.util.function.Supplier<RoomServiceClient> connect;
    private RoomServiceClient rooms;
    private final String taskAttribute;
    private final Clock clock;
    private final RequestScheduler requests;
    private final boolean ownsScheduler;
    private final Map<String, RoomFacts> known = new ConcurrentHashMap<>();

    public LiveKitCallSource(RoomServiceClient rooms, String taskAttribute, Clock clock, RequestScheduler requests) {
        this(() -> rooms, taskAttribute, clock, requests, false);
    }

    /** On its own small scheduler (4 in flight), for callers without one. */
    public LiveKitCallSource(RoomServiceClient rooms, String taskAttribute, Clock clock) {
        this(() -> rooms, taskAttribute, clock, new RequestScheduler(4, Backoff.DEFAULT, "livekit"), true);
    }

    /**
     * The client is built by {@code connect} at the first read, not now: the console's first read asks for calls only
     * once the first cluster's rows are on screen, and building the client (OkHttp, its TLS trust store) on the
     * opening thread held the console's open by ~0.1 s (docs/benchmarks.md, startup).
     */
    public static LiveKitCallSource connectingOnFirstRead(java.util.function.Supplier<RoomServiceClient> connect,
                                                         String taskAttribute, Clock clock, RequestScheduler requests) {
        return new LiveKitCallSource(connect, taskAttribute, clock, requests, false);
    }

    private LiveKitCallSource(java.util.function.Supplier<RoomServiceClient> connect, String taskAttribute, Clock clock,
                              RequestScheduler requests, boolean ownsScheduler) {
        this.connect = connect;
        this.taskAttribute = taskAttribute;
        this.clock = clock;
        this.requests = requests;
        this.ownsScheduler = ownsScheduler;
    }

    @Override
    public CallsReading read() {
        Instant at = clock.instant();
        List<LivekitModels.Room> list;
        try {
            list = requests.submit("livekit:ListRooms", RequestScheduler.LIST, this::listRooms, LiveKitError::classify)
                    .join();
        } catch (CompletionException e) {
            return CallsReading.failed(SOURCE, at, explain(e.getCause()));
        }
        Map<String, CompletableFuture<Optional<RoomFacts>>> learning = new HashMap<>();
        for (LivekitModels.Room room : list) {
            if (!known.containsKey(room.getName())) {
                learning.put(room.getName(), requests.submit("livekit:ListParticipants", RequestScheduler.DESCRIBE_SMALL,
                        () -> learn(room), LiveKitError::classify));
            }
        }
        try {
            CompletableFuture.allOf(learning.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            return CallsReading.failed(SOURCE, at, "LiveKit ListParticipants failed: " + explain(e.getCause()));
        }
        learning.forEach((room, f) -> f.join().ifPresent(facts -> known.put(room, facts)));
        Set<String> live = new HashSet<>();
        Map<String, List<ActiveCall>> byTask = new HashMap<>();
        int unattributed = 0;
        for (LivekitModels.Room room : list) {
            live.add(room.getName());
            RoomFacts facts = known.get(room.getName());
            if (facts == null) continue; // no agent yet: not a call (yet); look again next refresh
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

    private List<LivekitModels.Room> listRooms() throws IOException {
        Response<List<LivekitModels.Room>> r = rooms().listRooms().execute();
        if (!r.isSuccessful()) throw LiveKitError.of(r);
        return r.body() == null ? List.of() : r.body();
    }

    private Optional<RoomFacts> learn(LivekitModels.Room room) throws IOException {
        Response<List<LivekitModels.ParticipantInfo>> r = rooms().listParticipants(room.getName()).execute();
        if (r.code() == 404) return Optional.empty(); // the room ended between the two calls
        if (!r.isSuccessful()) throw LiveKitError.of(r);
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

    private synchronized RoomServiceClient rooms() {
        if (rooms == null) rooms = connect.get();
        return rooms;
    }

    private static String explain(Throwable t) {
        if (t instanceof LiveKitError e) return e.getMessage();
        if (t instanceof IOException) {
            return "cannot reach LiveKit (" + t.getMessage() + "); check livekit.url and the network/VPN";
        }
        return String.valueOf(t);
    }

    @Override
    public void close() {
        if (ownsScheduler) requests.close();
    }
}

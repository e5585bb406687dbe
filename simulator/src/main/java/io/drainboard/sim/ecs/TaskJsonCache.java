package io.drainboard.sim.ecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskState;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Each task's DescribeTasks JSON, rendered once and reused until the task changes. A task is mostly
 * immutable and a console polls it every few seconds, so in steady state a DescribeTasks of 100 tasks
 * costs 100 stamp comparisons under the model lock, and the response is written by copying each task's
 * cached UTF-8 bytes (a raw value inside the response tree) instead of re-encoding ~1.8 kB per task.
 * Guarded by the model lock: only touch it inside {@link FleetModel#read}.
 */
final class TaskJsonCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Everything mutable that {@link TaskRenderer#render} reads. A field the renderer starts to read
     * from a mutable part of the model must be added here, or its changes will not show.
     */
    private record Stamp(String lastStatus, String desiredStatus, String healthStatus, Instant pullStartedAt,
                         Instant pullStoppedAt, Instant startedAt, Instant stoppingAt, Instant executionStoppedAt,
                         Instant stoppedAt, String stopCode, String stoppedReason, Integer exitCode, boolean exec) {
        static Stamp of(TaskState t) {
            return new Stamp(t.lastStatus(), t.desiredStatus(), t.healthStatus(), t.pullStartedAt(), t.pullStoppedAt(),
                    t.startedAt(), t.stoppingAt(), t.executionStoppedAt(), t.stoppedAt(), t.stopCode(),
                    t.stoppedReason(), t.exitCode(), t.enableExecuteCommand());
        }
    }

    private record Entry(Stamp stamp, JsonNode json) {
    }

    /** Weak keys: tasks the model forgets leave the cache with them. */
    private final Map<TaskState, Entry> entries = new WeakHashMap<>();

    /** The task as a JSON value for a response tree; never mutate it (it is shared between responses). */
    JsonNode task(FleetModel m, TaskState t) {
        Stamp stamp = Stamp.of(t);
        Entry e = entries.get(t);
        if (e == null || !e.stamp.equals(stamp)) {
            e = new Entry(stamp, raw(new TaskRenderer(m).render(t, false)));
            entries.put(t, e);
        }
        return e.json;
    }

    private static JsonNode raw(JsonNode tree) {
        try {
            return new POJONode(new RawValue(new SerializedString(JSON.writeValueAsString(tree))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

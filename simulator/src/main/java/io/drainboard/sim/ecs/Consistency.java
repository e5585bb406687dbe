package io.drainboard.sim.ecs;

import io.drainboard.sim.model.FleetModel;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * ECS's eventual consistency as a client sees it (API Reference "RunTask": "the result of an API command you
 * run that affects your Amazon ECS resources might not be immediately visible to all subsequent commands you
 * run"; clients should retry "with an exponential backoff algorithm … starting with a couple of seconds and
 * increasing gradually up to about five minutes"). Each write draws its own lag
 * ({@link FleetModel#drawReadAfterWriteLag()}, 0 to {@code rules.readAfterWriteLag}); until it has passed,
 * reads of what the write changed answer as they did just before it: DescribeTasks and ListTasks after StopTask,
 * GetTaskProtection after UpdateTaskProtection, DescribeServices after UpdateService, DescribeContainerInstances
 * and ListContainerInstances after UpdateContainerInstancesState, ListTagsForResource after TagResource and
 * UntagResource, and a task RunTask or StartTask started is not found yet. The write's own response shows the
 * new state. Guarded by the model lock: touch it only inside {@link FleetModel#read}.
 */
final class Consistency {
    /** What a read of {@code key} answers until {@code visibleAt}. */
    private record Stale(Object before, Instant visibleAt) {
    }

    private final Map<String, Stale> stale = new HashMap<>();

    /**
     * A write changed {@code key}; {@code before} is what reads answer until the write shows. A second write
     * during the lag keeps the oldest view (the one nobody has seen change yet) and the later visibility.
     */
    void wrote(FleetModel m, String key, Object before) {
        Duration lag = m.drawReadAfterWriteLag();
        if (lag.isZero()) return;
        Instant visibleAt = m.now().plus(lag);
        Stale old = view(m, key);
        if (old != null) {
            stale.put(key, new Stale(old.before, visibleAt.isAfter(old.visibleAt) ? visibleAt : old.visibleAt));
        } else {
            stale.put(key, new Stale(before, visibleAt));
        }
    }

    /** The pre-write view of {@code key} while its write is not yet visible, else null. */
    @SuppressWarnings("unchecked")
    <T> T before(FleetModel m, String key) {
        Stale s = view(m, key);
        return s == null ? null : (T) s.before;
    }

    /** Whether a stale view is held for {@code key} now. */
    boolean lagging(FleetModel m, String key) {
        return view(m, key) != null;
    }

    private Stale view(FleetModel m, String key) {
        Stale s = stale.get(key);
        if (s == null) return null;
        if (!m.now().isBefore(s.visibleAt)) {
            stale.remove(key);
            if (stale.size() > 1024) purge(m);
            return null;
        }
        return s;
    }

    private void purge(FleetModel m) {
        for (Iterator<Stale> it = stale.values().iterator(); it.hasNext(); ) {
            if (!m.now().isBefore(it.next().visibleAt)) it.remove();
        }
    }

    /** A task as reads saw it before a StopTask. */
    record TaskView(com.fasterxml.jackson.databind.JsonNode json, String desiredStatus) {
    }

    /** A container instance as reads saw it before UpdateContainerInstancesState. */
    record InstanceView(com.fasterxml.jackson.databind.node.ObjectNode json, String status) {
    }

    static String task(String arn) { return "task:" + arn; }

    static String created(String arn) { return "created:" + arn; }

    static String protection(String arn) { return "protection:" + arn; }

    static String service(String arn) { return "service:" + arn; }

    static String instance(String arn) { return "instance:" + arn; }

    static String tags(String arn) { return "tags:" + arn; }
}

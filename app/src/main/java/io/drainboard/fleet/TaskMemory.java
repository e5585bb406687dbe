package io.drainboard.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one cluster's reader remembers between refreshes: each listed task as last described, and when
 * a stopping task was first seen in STOPPING (SIGTERM was sent no later than that). Forgets a task as
 * soon as ECS no longer lists it.
 */
final class TaskMemory {
    private final Map<String, KnownTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeenStopping = new ConcurrentHashMap<>();

    KnownTask get(String arn) {
        return tasks.get(arn);
    }

    void described(KnownTask k) {
        tasks.put(k.task().taskArn(), k);
        if ("STOPPING".equals(k.task().lastStatus())) firstSeenStopping.putIfAbsent(k.task().taskArn(), k.describedAt());
    }

    Instant firstSeenStopping(String arn) {
        return firstSeenStopping.get(arn);
    }

    void keepOnly(Set<String> listed) {
        tasks.keySet().retainAll(listed);
        firstSeenStopping.keySet().retainAll(listed);
    }
}

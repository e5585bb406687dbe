package io.drainboard.drain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protections this process granted, with the expiry ECS answered for each: a task whose expiry is still the
 * one granted here is protected by this process (nobody granted it since). ECS itself does not say who protected
 * a task. Forgotten on release and when the expiry passes.
 */
public final class ProtectionGrants {
    private final Map<String, Instant> byTask = new ConcurrentHashMap<>();

    void granted(String taskArn, Instant expiry) {
        byTask.put(taskArn, expiry);
    }

    void released(String taskArn) {
        byTask.remove(taskArn);
    }

    /** The expiry this process granted the task, if it granted one that has not passed. */
    public Optional<Instant> of(String taskArn, Instant now) {
        Instant e = byTask.get(taskArn);
        if (e != null && !e.isAfter(now)) {
            byTask.remove(taskArn, e);
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    /** The task's protection expiring at {@code expiry} is the one this process granted. */
    public boolean holds(String taskArn, Instant expiry, Instant now) {
        return of(taskArn, now).map(e -> new ProtectionMark("", "", "", e).covers(expiry)).orElse(false);
    }
}

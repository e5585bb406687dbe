package io.drainboard.drain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one source of truth for "what is happening to this task", whoever started it: each engine (the
 * operator's drains, instance drains, scale-ins, rollouts, guard mode) publishes everything it is doing after
 * each step, replacing what it said before; the task table, the details pane and the actions read it. A
 * drain outranks guard mode; an unfinished drain outranks a finished one. Reads take no lock.
 */
public final class TaskActivities {
    private record Owner(TaskActivity.Source source, String owner) {
    }

    private final Map<Owner, List<TaskActivity>> byOwner = new LinkedHashMap<>();
    private volatile Map<String, TaskActivity> byTask = Map.of();

    /** Everything {@code owner} is doing now (empty: nothing any more). */
    public synchronized void publish(TaskActivity.Source source, String owner, Collection<TaskActivity> now) {
        Owner key = new Owner(source, owner);
        if (now.isEmpty()) byOwner.remove(key);
        else byOwner.put(key, List.copyOf(now));
        Map<String, TaskActivity> next = new HashMap<>();
        for (List<TaskActivity> list : byOwner.values()) {
            for (TaskActivity a : list) next.merge(a.taskArn(), a, TaskActivities::weightier);
        }
        byTask = Map.copyOf(next);
    }

    /** Drains first, unfinished before finished, then whoever published last. */
    private static TaskActivity weightier(TaskActivity a, TaskActivity b) {
        return rank(b) > rank(a) ? b : rank(a) > rank(b) ? a : b;
    }

    private static int rank(TaskActivity a) {
        return a.draining() ? 2 : a.drain().isPresent() ? 1 : 0;
    }

    public Optional<TaskActivity> of(String taskArn) {
        return Optional.ofNullable(byTask.get(taskArn));
    }

    /** Per task, the activity that matters most. */
    public Map<String, TaskActivity> all() {
        return byTask;
    }

    /** Every drain, whoever runs it, as of the last publications. */
    public List<TaskActivity> drains() {
        List<TaskActivity> out = new ArrayList<>();
        for (TaskActivity a : byTask.values()) if (a.drain().isPresent()) out.add(a);
        return out;
    }
}

package io.drainboard.sim.ecs;

import io.drainboard.sim.model.TaskState;

import java.util.List;

/**
 * Task lifecycle facts derived from lastStatus (ECS Developer Guide "Amazon ECS task lifecycle":
 * PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED).
 */
final class Lifecycle {
    private static final List<String> ORDER = List.of("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING",
            "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED");

    private Lifecycle() {
    }

    /** Counted in runningCount / runningTasksCount: "tasks … in the RUNNING state" (Service, Cluster). */
    static boolean running(TaskState t) {
        return "RUNNING".equals(t.lastStatus());
    }

    /** Counted in pendingCount / pendingTasksCount: not yet RUNNING and not on the way out. */
    static boolean pending(TaskState t) {
        String s = t.lastStatus();
        return "PENDING".equals(s) || "PROVISIONING".equals(s) || "ACTIVATING".equals(s);
    }

    static boolean stopped(TaskState t) {
        return "STOPPED".equals(t.lastStatus());
    }

    /**
     * A container's lastStatus is PENDING, RUNNING or STOPPED (API Reference "Container"); it has exited
     * once the task's execution stopped (executionStoppedAt) or the task is being deprovisioned.
     */
    static String containerStatus(TaskState t) {
        int i = ORDER.indexOf(t.lastStatus());
        if (t.executionStoppedAt() != null || i >= ORDER.indexOf("DEPROVISIONING")) return "STOPPED";
        return i >= ORDER.indexOf("RUNNING") ? "RUNNING" : "PENDING";
    }

    /** The task ENI attachment's status (API Reference "Attachment": PRECREATED, ATTACHING, ATTACHED, DETACHING, DETACHED, DELETED). */
    static String attachmentStatus(TaskState t) {
        return switch (t.lastStatus()) {
            case "PROVISIONING" -> "ATTACHING";
            case "DEPROVISIONING" -> "DETACHING";
            case "STOPPED" -> "DELETED";
            default -> "ATTACHED";
        };
    }

    /**
     * Task "version": ECS increments it on every state change. The model keeps no counter, so it is
     * derived from how far the task has come (monotonic, like the real one): 1 at PROVISIONING, +1 per
     * lifecycle step, +1 once desiredStatus became STOPPED.
     */
    static long version(TaskState t) {
        int i = Math.max(0, ORDER.indexOf(t.lastStatus()));
        return 1L + i + ("STOPPED".equals(t.desiredStatus()) ? 1 : 0);
    }
}

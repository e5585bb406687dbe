package io.drainboard.ui.model;

import io.drainboard.fleet.TaskSnapshot;

/**
 * Where a task stands on its way out, from ECS's statuses (ECS Developer Guide "Amazon ECS task
 * lifecycle": RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED; SIGTERM goes out on entering
 * STOPPING). The SIGKILL times themselves come from the read path's {@link io.drainboard.fleet.KillClock}.
 */
public enum StopStage {
    /** Not being stopped. */
    SERVING,
    /** ECS wants it stopped (desiredStatus STOPPED) but has not sent SIGTERM yet: deregistering first. */
    DEREGISTERING,
    /** SIGTERM sent; SIGKILL follows stopTimeout later unless the worker exits first. */
    SIGTERM_SENT,
    /** Containers are gone. */
    STOPPED;

    public static StopStage of(TaskSnapshot t) {
        String last = t.lastStatus() == null ? "" : t.lastStatus();
        if (last.equals("STOPPED") || last.equals("DEPROVISIONING")) return STOPPED;
        if (last.equals("STOPPING")) return SIGTERM_SENT;
        if ("STOPPED".equals(t.desiredStatus())) return DEREGISTERING;
        return SERVING;
    }

    public boolean stopping() {
        return this == DEREGISTERING || this == SIGTERM_SENT;
    }
}

package io.drainboard.stops;

/** Why ECS stopped a task, in the operator's words (see {@link StopCauses} for how it is told). */
public enum StopCause {
    DEPLOYMENT("deployment"),
    SCALE_IN("scale-in"),
    USER("user (StopTask)"),
    SPOT("Spot interruption"),
    INSTANCE("instance drained or lost"),
    FAILURE("failure"),
    WORKER_EXIT("worker exited"),
    UNKNOWN("unknown");

    private final String label;

    StopCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

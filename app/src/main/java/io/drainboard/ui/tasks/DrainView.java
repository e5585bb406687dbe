package io.drainboard.ui.tasks;

import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;

/**
 * What the Drain column shows for a task: this console's drain of it (phase and why it waits), else
 * where ECS's own stop of it stands.
 *
 * @param drain null when this console is not draining the task
 */
public record DrainView(StopStage stage, DrainStatus drain) {
    public static final DrainView NONE = new DrainView(StopStage.SERVING, null);

    /** Sort rank: drains under way first by phase, then ECS's stop stages. */
    long rank() {
        return drain == null ? stage.ordinal() : 100 + drain.phase().ordinal();
    }

    public boolean draining() {
        return drain != null && !drain.phase().finished();
    }

    static String phaseWords(DrainPhase p) {
        return switch (p) {
            case PROTECTING -> "drain: protecting";
            case CORDONING -> "drain: cordoning";
            case WAITING -> "drain: waiting";
            case HELD -> "drain HELD";
            case STOPPING -> "drain: stopping";
            case RELEASING -> "drain: releasing";
            case AWAITING_REPLACEMENT -> "drain: replacing";
            case DONE -> "drained";
            case CANCELLED -> "drain cancelled";
            case FAILED -> "drain FAILED";
        };
    }
}

package io.drainboard.ui.tasks;

import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;

/**
 * What the Drain column shows for a task: a drain of it, whoever runs it (phase and why it waits), else
 * where ECS's own stop of it stands.
 *
 * @param drain null when nothing in this console is draining the task
 * @param by    who runs the drain, as the column names it: "drain" (the operator's), "rollout", "scale-in",
 *              "instance drain"
 */
public record DrainView(StopStage stage, DrainStatus drain, String by) {
    public static final DrainView NONE = new DrainView(StopStage.SERVING, null, "drain");

    public DrainView(StopStage stage, DrainStatus drain) {
        this(stage, drain, "drain");
    }

    /** The column's words: who drains it, the phase, and whether something it sent is still unanswered. */
    public String words() {
        String w = phaseWords(drain.phase());
        if (!"drain".equals(by)) w = by + (w.startsWith("drain:") ? w.substring("drain".length()) : ": " + w);
        return w + (drain.sending().isPresent() && !drain.phase().finished() ? " · sent" : "");
    }

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

package io.drainboard.stops;

import java.util.Optional;

/**
 * One task an operation acted on (or watched), and what was observed when it stopped: the operation's
 * outcome is built from these, never from what it meant to do.
 *
 * @param stop   the stop as watched; empty when the task was not seen stopped (gone from the read, or still running)
 * @param origin who stopped it, as far as ECS's record says
 */
public record TaskOutcome(String taskArn, Optional<ObservedStop> stop, Origin origin) {
    /** Who stopped the task. */
    public enum Origin {
        /** This engine: its StopTask (ECS names it in stoppedReason), or its worker leaving after this engine's cordon. */
        THIS_ENGINE,
        /** Something else: another tool or engine's StopTask, ECS's scheduler (scale-in, deployment), an instance drain. */
        SOMETHING_ELSE,
        /** Not seen stopped: who cannot be told. */
        UNKNOWN
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /**
     * Who stopped an observed task. {@code stopMarker} is what this engine writes in every StopTask reason (ECS keeps
     * it as stoppedReason), so a StopTask by another engine or tool is told apart from our own.
     */
    public static TaskOutcome of(ObservedStop o, String stopMarker, boolean signalledByUs) {
        String code = o.stopCode().orElse("");
        boolean ours = switch (code) {
            case "UserInitiated" -> o.stoppedReason().map(r -> r.contains(stopMarker)).orElse(false);
            // A worker leaves by itself (exit 0) after the SIGTERM of an exec-signal cordon.
            case "EssentialContainerExited" -> signalledByUs;
            default -> false;
        };
        return new TaskOutcome(o.taskArn(), Optional.of(o), ours ? Origin.THIS_ENGINE : Origin.SOMETHING_ELSE);
    }

    /** Who stopped an observed task, decided by the operation from ECS's record ({@code ours}). */
    public static TaskOutcome of(ObservedStop o, boolean ours) {
        return new TaskOutcome(o.taskArn(), Optional.of(o), ours ? Origin.THIS_ENGINE : Origin.SOMETHING_ELSE);
    }

    public static TaskOutcome notSeen(String taskArn) {
        return new TaskOutcome(taskArn, Optional.empty(), Origin.UNKNOWN);
    }

    /** Nothing cut, and the calls known when it stopped. */
    public boolean clean() {
        return stop.map(s -> s.likelyCut() == 0 && !s.callsUnknown()).orElse(false);
    }

    public boolean callsUnknown() {
        return stop.map(ObservedStop::callsUnknown).orElse(true);
    }

    public int likelyCut() {
        return stop.map(ObservedStop::likelyCut).orElse(0);
    }

    /** "stopped by something else: user (StopTask) — UserInitiated: Task stopped by ci; started by ecs-svc/123". */
    public String whoWords() {
        if (origin != Origin.SOMETHING_ELSE || stop.isEmpty()) return "";
        ObservedStop s = stop.get();
        StringBuilder b = new StringBuilder("stopped by something else: ").append(s.cause().label());
        s.stopCode().ifPresent(c -> b.append(" — ").append(c));
        s.stoppedReason().ifPresent(r -> b.append(": ").append(r));
        s.startedBy().ifPresent(by -> b.append("; started by ").append(by));
        return b.toString();
    }

    /** This outcome as one line of a summary; {@code old}: one of the tasks the operation set out to replace or remove. */
    public StopLine line(boolean old) {
        return new StopLine(taskId(), old, clean(), likelyCut() == 0 && callsUnknown(), likelyCut(), problem());
    }

    /** The task's words when it is not simply clean; empty for a clean stop by this engine (and for a task not seen stopped). */
    public Optional<String> problem() {
        if (stop.isEmpty()) return Optional.empty(); // counted with the unknowns
        ObservedStop s = stop.get();
        String who = whoWords();
        String tail = who.isEmpty() ? "" : " (" + who + ")";
        StopVerdict v = s.verdict();
        if (v.killed() && v.cutCalls()) {
            return Optional.of("task " + taskId() + " stopped by " + v.how() + " with " + v.callsCutText()
                    + (v.callsCut() == 1 ? " call" : " calls") + " (likely cut)" + tail);
        }
        if (s.vanishedAtSignal().isPresent()) {
            int n = s.vanishedAtSignal().getAsInt();
            return Optional.of("task " + taskId() + " exited on SIGTERM with " + n + (n == 1 ? " call" : " calls")
                    + " on it, gone at the next read (likely cut)" + tail);
        }
        if (s.goneNearSignal().isPresent()) {
            int n = s.goneNearSignal().getAsInt();
            return Optional.of("task " + taskId() + " exited after its SIGTERM; its " + n + " calls were gone at the next"
                    + " read (ended or cut: not known)" + tail);
        }
        if (!who.isEmpty() && !s.callsUnknown()) {
            return Optional.of("task " + taskId() + " " + who + ", with " + s.calls().seen().orElse(0) + " calls when it"
                    + " stopped, none cut (" + v.how() + ")");
        }
        if (!who.isEmpty()) return Optional.of("task " + taskId() + " " + who);
        return Optional.empty();
    }
}

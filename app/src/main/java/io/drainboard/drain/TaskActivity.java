package io.drainboard.drain;

import java.util.Optional;

/**
 * What is happening to one task and who is doing it, whoever started it: the one answer the task table, the
 * details pane and the actions read ({@link TaskActivities}).
 *
 * @param owner what runs it, in the operator's words ("rollout 2026-…-voice-agent", "scale-in of voice/agent")
 * @param drain the drain, when it is one
 * @param words one line for the operator when there is no drain (guard mode)
 */
public record TaskActivity(String taskArn, Source source, String owner, Optional<DrainStatus> drain, String words) {
    /** Who started it. */
    public enum Source {
        /** The operator's own safe drain (this console's drain coordinator). */
        OPERATOR("drain"),
        /** A safe drain of the task's EC2 instance (the same coordinator, started for the instance). */
        INSTANCE_DRAIN("instance drain"),
        /** A safe scale-in of the task's service. */
        SCALE_IN("scale-in"),
        /** A guided rollout of the task's service. */
        ROLLOUT("rollout"),
        /** Guard mode keeping the task protected (or releasing it, idle). */
        GUARD("guard mode");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public static TaskActivity drain(Source source, String owner, DrainStatus d) {
        return new TaskActivity(d.taskArn(), source, owner, Optional.of(d), source.words() + ": " + d.reason());
    }

    /** A drain under way (not finished). */
    public boolean draining() {
        return drain.map(d -> !d.phase().finished()).orElse(false);
    }

    /** The operator's drain commands (force, cancel) reach it: a drain of this console's drain coordinator. */
    public boolean commandable() {
        return drain.isPresent() && (source == Source.OPERATOR || source == Source.INSTANCE_DRAIN);
    }

    /** Why the operator cannot start a drain of this task, or empty when nothing else is draining it. */
    public Optional<String> refusesADrain() {
        if (!draining()) return Optional.empty();
        return Optional.of(switch (source) {
            case OPERATOR -> "already draining (" + drain.get().reason() + ")";
            case INSTANCE_DRAIN -> "the drain of its instance is draining it";
            case SCALE_IN -> "a safe scale-in (" + owner + ") is draining it; abort the scale-in to change that";
            case ROLLOUT -> "a rollout (" + owner + ") is draining it; pause or abort the rollout to change that";
            case GUARD -> "guard mode is acting on it";
        });
    }
}

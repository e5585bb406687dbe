package io.drainboard.ui.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One line in the activity area: what happened, how loud it is, and the task it concerns (Enter or
 * double-click selects it).
 */
public record Activity(Instant at, Level level, String text, Optional<String> taskArn) {
    public enum Level { INFO, GOOD, WARN, DANGER }

    public static Activity of(Instant at, Level level, String text) {
        return new Activity(at, level, text, Optional.empty());
    }

    public static Activity about(Instant at, Level level, String text, String taskArn) {
        return new Activity(at, level, text, Optional.of(taskArn));
    }
}

package io.drainboard.ui.command;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Something the operator can do: a title in their words, the keys that do it (shown in the palette and
 * the help overlay), and whether it can run now; when it cannot, {@code unavailable} says why.
 */
public record Command(String title, String group, String keys, Runnable action, BooleanSupplier enabled,
                      String unavailable) {
    public static Command of(String group, String title, String keys, Runnable action) {
        return new Command(title, group, keys, action, () -> true, "");
    }

    public Command when(BooleanSupplier can, String whyNot) {
        return new Command(title, group, keys, action, can, whyNot);
    }

    public boolean available() {
        return enabled.getAsBoolean();
    }

    /** Runs it if available; otherwise returns why not. */
    public Optional<String> run() {
        if (!available()) return Optional.of(unavailable);
        action.run();
        return Optional.empty();
    }
}

package io.drainboard.ui;

import java.util.function.Consumer;

/** Opens a URL in the operator's browser ({@link SystemBrowser} in the app; a recorder in tests). */
@FunctionalInterface
public interface Browser {
    void open(String url);

    /**
     * Opens the URL and tells {@code failed} (with the reason, on any thread) when no browser could be started, so
     * the console can say so and copy the URL instead of claiming it opened the page.
     */
    default void open(String url, Consumer<String> failed) {
        try {
            open(url);
        } catch (RuntimeException e) {
            failed.accept(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}

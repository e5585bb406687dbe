package io.drainboard.audit;

import java.nio.file.Path;

/**
 * Where Drainboard keeps what it writes (audit log, history, rollout journals): the
 * {@code drainboard.dataDir} system property (tests), else $XDG_DATA_HOME/drainboard, else
 * ~/.local/share/drainboard.
 */
public final class DataDirectory {
    private DataDirectory() {
    }

    public static Path resolve() {
        String override = System.getProperty("drainboard.dataDir");
        if (override != null && !override.isBlank()) return Path.of(override);
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "drainboard");
        return Path.of(System.getProperty("user.home"), ".local", "share", "drainboard");
    }
}

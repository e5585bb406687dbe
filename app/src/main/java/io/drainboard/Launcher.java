package io.drainboard;

import java.util.Arrays;
import java.util.List;

/**
 * Plain main class: starting a JavaFX {@code Application} subclass directly from the class path makes
 * the launcher complain, so this class (which imports no JavaFX) hands over to the UI, or, with
 * {@code --rollout}, runs a guided rollout headless for pipelines (docs/rollout.md).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        if (a.contains("--rollout")) {
            System.exit(io.drainboard.rollout.HeadlessRollout.main(a, System.out));
        }
        io.drainboard.ui.DrainboardApp.main(args);
    }
}

package io.drainboard;

/**
 * Plain main class: starting a JavaFX {@code Application} subclass directly from the class path makes
 * the launcher complain, so this class (which imports no JavaFX) hands over to the UI.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        io.drainboard.ui.DrainboardApp.main(args);
    }
}

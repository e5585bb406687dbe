package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import io.drainboard.profile.StartupProbe;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The JavaFX application: reads {@code --profile FILE} (and {@code --light}) and opens the main window.
 * The profile starts opening (simulator, SDK clients, first fleet read) before JavaFX starts, so the two
 * overlap (docs/benchmarks.md, startup).
 */
public final class DrainboardApp extends Application {
    private static volatile ProfileOpening headStart;
    private static volatile ProfileOpening.Opener opener;
    private ConsoleWindow window;
    private boolean stopped;

    /** @param open opens a profile into its console (the composition root's, handed in by the Launcher) */
    public static void main(String[] args, ProfileOpening.Opener open) {
        StartupProbe.mark("main");
        opener = open;
        headStart = ProfileOpening.start(profilePath(List.of(args)), true, open);
        launch(DrainboardApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        StartupProbe.mark("fx-start");
        List<String> args = getParameters().getRaw();
        Theme.apply(args.contains("--light") ? Theme.Mode.LIGHT : Theme.Mode.DARK);
        ProfileOpening opening = headStart != null ? headStart : ProfileOpening.start(profilePath(args), true, opener);
        headStart = null;
        ConsoleWindow.show(stage, opening, new SystemBrowser(), w -> {
            if (stopped) w.close();
            else window = w;
        });
    }

    @Override
    public void stop() {
        stopped = true;
        if (window != null) window.close();
    }

    /** The profile to open (Launcher has refused bad arguments before JavaFX started). */
    static Path profilePath(List<String> args) {
        try {
            return WindowArgs.parse(args).profileOrDefault();
        } catch (IllegalArgumentException e) {
            return WindowArgs.DEFAULT_PROFILE; // started without the Launcher (tests); the Launcher says what is wrong
        }
    }
}

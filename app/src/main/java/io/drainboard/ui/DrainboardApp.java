package io.drainboard.ui;

import atlantafx.base.theme.PrimerDark;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: reads {@code --profile FILE} and opens the main window on it. */
public final class DrainboardApp extends Application {
    private ConsoleWindow window;

    public static void main(String[] args) {
        launch(DrainboardApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        window = ConsoleWindow.open(stage, profilePath(getParameters().getRaw()));
    }

    @Override
    public void stop() {
        if (window != null) window.close();
    }

    static Path profilePath(List<String> args) {
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--profile")) return Path.of(args.get(i + 1));
        }
        return Path.of("profiles", "demo.yaml");
    }
}

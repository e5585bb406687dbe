package io.drainboard.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: reads {@code --profile FILE} (and {@code --light}) and opens the main window. */
public final class DrainboardApp extends Application {
    private ConsoleWindow window;

    public static void main(String[] args) {
        launch(DrainboardApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        Theme.apply(args.contains("--light") ? Theme.Mode.LIGHT : Theme.Mode.DARK);
        window = ConsoleWindow.open(stage, profilePath(args), url -> getHostServices().showDocument(url));
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

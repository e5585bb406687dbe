package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The main view alone in a 1440×900 window, with actions that do nothing: for tests that feed it snapshots. */
final class TestViews {
    private TestViews() {
    }

    static ConsoleView shown(Stage stage) {
        Theme.apply(Theme.Mode.DARK);
        ConsoleView view = new ConsoleView(new ConsoleView.Actions() {
            public void refreshNow() { }
            public void openProfile(Path p) { }
            public void browse(String url, java.util.function.Consumer<String> failed) { }
            public void quit() { }
        });
        Scene scene = new Scene(view.root(), 1440, 900);
        view.install(scene);
        view.attachPanes();
        stage.setScene(scene);
        stage.show();
        return view;
    }
}

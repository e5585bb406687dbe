package io.drainboard.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import java.nio.file.Path;

/**
 * The window's first frame: the console's own header and status bar around one line that says what is
 * happening. A handful of plain nodes, so the window is up within a second while the console view (a
 * few thousand nodes: table, panes, chart) is built in the next FX turn and takes its place
 * (docs/benchmarks.md, startup).
 */
final class OpeningShell {
    private OpeningShell() {
    }

    static Parent of(Path profile) {
        Label app = new Label("Drainboard");
        app.getStyleClass().add("app-name");
        HBox header = new HBox(10, app);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 10, 6, 10));
        Label opening = new Label("Opening " + profile.getFileName() + "…");
        opening.setId("openingShell");
        HBox status = new HBox(10, new Label(profile.getFileName().toString()), new Label("opening the profile, then reading the fleet"));
        status.getStyleClass().add("status-line");
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 10, 4, 10));
        BorderPane root = new BorderPane(opening, header, null, status, null);
        root.getStyleClass().add("console-root");
        return root;
    }
}

package io.drainboard.ui;

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
        HBox header = Header.bar();
        header.getChildren().add(Header.appName());
        Label opening = new Label("Opening " + profile.getFileName() + "…");
        opening.setId("openingShell");
        HBox status = StatusLine.bar();
        status.getChildren().addAll(new Label(profile.getFileName().toString()), new Label("opening the profile, then reading the fleet"));
        BorderPane root = new BorderPane(opening, header, null, status, null);
        root.getStyleClass().add("console-root");
        return root;
    }
}

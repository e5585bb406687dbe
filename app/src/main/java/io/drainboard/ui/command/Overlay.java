package io.drainboard.ui.command;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;

/**
 * A modal layer over the window for the palette and the help: dims the console, takes the keyboard,
 * closes on Esc or a click outside, and gives focus back to where it was. No animation, so tests and
 * 3 a.m. operators never wait for one.
 */
public final class Overlay {
    private final StackPane layer = new StackPane();
    private Node returnFocus;
    private Runnable onHide = () -> { };

    public Overlay() {
        layer.setId("overlay");
        layer.getStyleClass().add("overlay");
        layer.setVisible(false);
        layer.setPadding(new Insets(70, 0, 0, 0));
        layer.setOnMousePressed(e -> {
            if (e.getTarget() == layer) hide();
        });
        layer.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                hide();
                e.consume();
            }
        });
    }

    public Node node() {
        return layer;
    }

    public void show(Node content, Node focus, Runnable whenHidden) {
        if (!layer.isVisible() && layer.getScene() != null) returnFocus = layer.getScene().getFocusOwner();
        onHide = whenHidden;
        layer.getChildren().setAll(content);
        StackPane.setAlignment(content, Pos.TOP_CENTER);
        layer.setVisible(true);
        focus.requestFocus();
    }

    public void hide() {
        if (!layer.isVisible()) return;
        layer.setVisible(false);
        layer.getChildren().clear();
        onHide.run();
        if (returnFocus != null) returnFocus.requestFocus();
        returnFocus = null;
    }

    public boolean showing() {
        return layer.isVisible();
    }

    /** What is shown (tests, and to tell the palette from the help). */
    public Node content() {
        return layer.getChildren().isEmpty() ? null : layer.getChildren().get(0);
    }
}

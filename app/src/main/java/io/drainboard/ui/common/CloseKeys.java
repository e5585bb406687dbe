package io.drainboard.ui.common;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Esc and Ctrl+W close a secondary window (timeline, audit log, rollout wizard), as they do in every desktop
 * app. A filter: a text field (a spinner's editor) would otherwise swallow Esc. Closing the wizard leaves a running
 * rollout running; it reopens on it.
 */
public final class CloseKeys {
    private static final KeyCombination CTRL_W = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private CloseKeys() {
    }

    public static void install(Stage stage) {
        stage.sceneProperty().addListener((obs, o, scene) -> {
            if (scene != null) scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> close(stage, e));
        });
        if (stage.getScene() != null) stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> close(stage, e));
    }

    private static void close(Stage stage, KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE || CTRL_W.match(e)) {
            e.consume();
            stage.close();
        }
    }
}

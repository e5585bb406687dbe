package io.drainboard.ui.instances;

import io.drainboard.ui.command.Overlay;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * An in-window confirmation for an instance action: what will happen, and for a production profile the
 * instance id typed back before the action button is enabled.
 */
final class Confirmation {
    private Confirmation() {
    }

    static void ask(Overlay overlay, String question, String detail, String actionText, String typeToConfirm,
                    Runnable action) {
        Label q = new Label(question);
        q.getStyleClass().add("pane-title");
        Label d = new Label(detail);
        d.setWrapText(true);
        d.setMaxWidth(560);
        Button go = new Button(actionText);
        go.setId("confirmAction");
        go.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setId("confirmCancel");
        cancel.setCancelButton(true);
        VBox box = new VBox(10, q, d);
        if (typeToConfirm != null) {
            TextField typed = new TextField();
            typed.setId("confirmTyped");
            typed.setPromptText("type " + typeToConfirm + " to confirm (production profile)");
            go.disableProperty().bind(typed.textProperty().isNotEqualTo(typeToConfirm));
            box.getChildren().add(typed);
        }
        box.getChildren().add(new HBox(8, go, cancel));
        box.getStyleClass().add("palette");
        box.setId("instanceConfirm");
        box.setMaxWidth(600);
        box.setMaxHeight(VBox.USE_PREF_SIZE);
        go.setOnAction(e -> {
            overlay.hide();
            action.run();
        });
        cancel.setOnAction(e -> overlay.hide());
        overlay.show(box, typeToConfirm != null ? box.getChildren().get(2) : go, () -> { });
    }
}

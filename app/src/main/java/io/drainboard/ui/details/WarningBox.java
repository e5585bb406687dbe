package io.drainboard.ui.details;

import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import io.drainboard.ui.common.WrappedLabel;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One readiness warning: an icon for its level, a title that says what is wrong and advice that says
 * what to do, both wrapped to the pane's width (nothing an operator must read is cut off).
 */
final class WarningBox extends HBox {
    private final Label title = new WrappedLabel();
    private final Label advice = new WrappedLabel();

    WarningBox(Readiness.Level level) {
        super(8);
        getStyleClass().addAll("warning-box", level.name().toLowerCase());
        setAlignment(Pos.TOP_LEFT);
        Label icon = new Label(null, Facts.icon(switch (level) {
            case DANGER -> Icons.DANGER;
            case WARN -> Icons.WARN;
            case INFO -> Icons.INFO;
        }));
        (level == Readiness.Level.DANGER ? Tone.DANGER : level == Readiness.Level.WARN ? Tone.WARN : Tone.NORMAL).applyTo(icon);
        title.getStyleClass().add("warning-title");
        advice.getStyleClass().add("warning-advice");
        VBox text = new VBox(2, title, advice);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(icon, text);
    }

    void show(String what, String todo) {
        title.setText(what);
        advice.setText(todo);
    }
}

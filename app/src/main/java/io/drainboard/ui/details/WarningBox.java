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
    private final Label icon = new Label();
    private final Label title = new WrappedLabel();
    private final Label advice = new WrappedLabel();
    private Readiness.Level level;

    WarningBox() {
        super(8);
        getStyleClass().add("warning-box");
        setAlignment(Pos.TOP_LEFT);
        title.getStyleClass().add("warning-title");
        advice.getStyleClass().add("warning-advice");
        VBox text = new VBox(2, title, advice);
        text.setMinWidth(0);
        // It takes the width left beside the icon (it grows): asking its lines' unwrapped width would only measure
        // every changed line once more in each layout.
        text.setPrefWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(icon, text);
    }

    /**
     * Shows a warning; a box changes its level in place, so a list of warnings keeps its nodes as levels move.
     * Whether anything changed (what did not change costs no layout).
     */
    boolean show(Readiness.Level level, String what, String todo) {
        boolean changed = level != this.level || !what.equals(title.getText()) || !todo.equals(advice.getText());
        if (level != this.level) {
            if (this.level != null) getStyleClass().remove(this.level.name().toLowerCase());
            getStyleClass().add(level.name().toLowerCase());
            icon.setGraphic(Facts.icon(switch (level) {
                case DANGER -> Icons.DANGER;
                case WARN -> Icons.WARN;
                case INFO -> Icons.INFO;
            }));
            (level == Readiness.Level.DANGER ? Tone.DANGER : level == Readiness.Level.WARN ? Tone.WARN : Tone.NORMAL).applyTo(icon);
            this.level = level;
        }
        title.setText(what);
        advice.setText(todo);
        return changed;
    }
}

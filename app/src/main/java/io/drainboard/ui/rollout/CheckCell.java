package io.drainboard.ui.rollout;

import io.drainboard.rollout.PreflightCheck;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** One preflight check: verdict (icon and word, never colour alone), what was found, and the fix. */
final class CheckCell extends ListCell<PreflightCheck> {
    private final Label head = new Label();
    private final Label detail = new Label();
    private final Label fix = new Label();
    private final VBox box = new VBox(2, head, detail, fix);

    CheckCell() {
        detail.setWrapText(true);
        fix.setWrapText(true);
        box.setPrefWidth(1);
        // The cell is asked its height for no width; a wrapped label then measures at its pref width, so that is the
        // list's (less padding and scroll bar), else a long detail ends in "…" on one line's height.
        for (Label l : List.of(detail, fix)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.prefWidthProperty().bind(box.prefWidthProperty());
        }
        detail.getStyleClass().add("text-muted");
    }

    @Override
    protected void updateItem(PreflightCheck c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        Tone tone = switch (c.verdict()) {
            case PASS -> Tone.GOOD;
            case WARN -> Tone.WARN;
            case FAIL -> Tone.DANGER;
        };
        head.setText(c.verdict() + "  " + c.name());
        head.setGraphic(new FontIcon(switch (c.verdict()) {
            case PASS -> Icons.OK;
            case WARN -> Icons.WARN;
            case FAIL -> Icons.DANGER;
        }));
        tone.applyTo(head);
        detail.setText(c.detail());
        fix.setText(c.fix().isEmpty() ? "" : "Fix: " + c.fix());
        fix.setVisible(!c.fix().isEmpty());
        fix.setManaged(!c.fix().isEmpty());
        box.prefWidthProperty().bind(getListView().widthProperty().subtract(30));
        setText(null);
        setGraphic(box);
    }
}

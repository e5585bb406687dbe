package io.drainboard.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;

/**
 * A list line that wraps to the list's width instead of ending in "…" (a rollout's dry run, a confirmation's
 * targets). The label's pref width follows the list's, less room for the cell's padding and the vertical scroll bar:
 * a cell is asked its height for no width, and a wrapped label then measures at its pref width (Region's
 * computeChildPrefAreaHeight), which is the list's, so the cell is as tall as its lines.
 */
public class WrappingCell extends ListCell<String> {
    /** The cell's padding and the list's vertical scroll bar. */
    static final double MARGIN = 30;
    private final Label line = new WrappedLabel();

    public WrappingCell() {
        line.setMinHeight(Region.USE_PREF_SIZE);
        listViewProperty().addListener((obs, was, now) -> {
            line.prefWidthProperty().unbind();
            if (now != null) line.prefWidthProperty().bind(now.widthProperty().subtract(MARGIN));
        });
    }

    /** The label the line is drawn in (for a tone). */
    protected Label line() {
        return line;
    }

    @Override
    protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        setText(null);
        line.setText(empty || s == null ? null : s);
        setGraphic(empty || s == null ? null : line);
    }
}

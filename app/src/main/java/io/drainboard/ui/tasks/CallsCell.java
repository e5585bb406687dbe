package io.drainboard.ui.tasks;

import io.drainboard.ui.model.CallLoad;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Calls on a task: the count in words and a small bar against the service's capacity. Unknown counts
 * read "? unknown" with an icon, never 0 (docs/architecture.md, calls). Nodes are built once, in the constructor.
 */
final class CallsCell extends QuietCell<CallLoad> {
    static final double BAR_WIDTH = 44;
    private final Label count = new Label();
    private final Region fill = new Region();
    private final StackPane bar = new StackPane();
    private final FontIcon unknown = new FontIcon(Icons.UNKNOWN);
    private final HBox box = new HBox(6);

    CallsCell() {
        Region track = new Region();
        track.getStyleClass().add("calls-bar-track");
        fill.getStyleClass().add("calls-bar-fill");
        bar.getChildren().addAll(track, fill);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(BAR_WIDTH);
        bar.setMaxWidth(BAR_WIDTH);
        bar.setMaxHeight(8);
        track.setMaxWidth(BAR_WIDTH);
        count.setMinWidth(22);
        count.getStyleClass().add("calls-count");
        unknown.getStyleClass().add("cell-icon");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().addAll(count, bar);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(CallLoad load, boolean empty) {
        super.updateItem(load, empty);
        if (empty || load == null) {
            setGraphic(null);
            setTip(null);
            Tone.clear(this);
            return;
        }
        if (load.calls() instanceof TaskCalls.Unknown u) {
            count.setText("? unknown");
            count.setGraphic(unknown);
            bar.setVisible(false);
            Tone.WARN.applyTo(this);
            setTip("Calls unknown: " + u.why() + ". Unknown is not zero.");
        } else {
            boolean stale = load.calls() instanceof TaskCalls.Stale;
            int n = load.calls().count();
            count.setText(stale ? n + " stale" : Integer.toString(n));
            count.setGraphic(stale ? unknown : null);
            bar.setVisible(true);
            double fill = Math.min(1, n / (double) Math.max(1, load.capacity()));
            this.fill.setMaxWidth(Math.max(n > 0 ? 3 : 0, BAR_WIDTH * fill));
            this.fill.setMinWidth(this.fill.getMaxWidth());
            (stale || fill >= 1 ? Tone.WARN : n == 0 ? Tone.MUTED : Tone.NORMAL).applyTo(this);
            setTip(Formats.count(n, "live call") + " (source " + load.calls().source()
                    + (stale ? ", STALE as of " + Formats.clock(load.calls().observedAt()) + " UTC" : "")
                    + "); bar full = " + load.capacity() + " calls, " + load.capacityBasis());
        }
        setGraphic(box);
    }
}

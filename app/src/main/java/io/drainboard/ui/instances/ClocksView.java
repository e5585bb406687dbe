package io.drainboard.ui.instances;

import io.drainboard.ui.model.ServiceClocks;
import io.drainboard.ui.common.Tone;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/** A service's clocks as lines of text, a short clock marked "SHORT" in words and toned (never colour alone). */
final class ClocksView {
    private ClocksView() {
    }

    static VBox of(String service, List<ServiceClocks.Clock> clocks) {
        Label title = new Label("Clocks of " + service + (ServiceClocks.shortOnes(clocks) > 0
                ? " — " + ServiceClocks.shortOnes(clocks) + " shorter than the calls they must cover" : " — all cover the calls"));
        title.getStyleClass().add("section-title");
        VBox box = new VBox(2, title);
        box.getStyleClass().add("service-clocks");
        for (ServiceClocks.Clock c : clocks) {
            Label l = new Label((c.warning().isPresent() ? "⚠ " : "✓ ") + c.name() + ": " + c.text());
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE); // wrapped labels in a VBox need it to take their lines
            l.getStyleClass().add("clock-line");
            (c.warning().isPresent() ? Tone.WARN : Tone.NORMAL).applyTo(l);
            box.getChildren().add(l);
        }
        return box;
    }
}

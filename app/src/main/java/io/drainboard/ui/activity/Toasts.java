package io.drainboard.ui.activity;

import io.drainboard.ui.model.Activity;
import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Short-lived notifications in the bottom-right corner, for what must not be missed (a busy task being
 * stopped, data lost) and to confirm operator actions. At most three at once; each goes after a while
 * or on its close button. AtlantaFX's Notification, not ControlsFX's: ControlsFX skins expect Modena
 * colour lookups and log errors under AtlantaFX (docs/ui.md, Theme).
 */
public final class Toasts {
    static final int MAX = 3;
    private final VBox box = new VBox(8);

    public Toasts() {
        box.setId("toasts");
        box.setAlignment(Pos.BOTTOM_RIGHT);
        box.setPickOnBounds(false);
        box.setMaxWidth(360);
        box.getStyleClass().add("toasts");
    }

    public Node node() {
        return box;
    }

    /** Shows a toast; the returned action takes it down early (a progress note once its outcome is in). */
    public Runnable show(Activity.Level level, String text, Duration visible) {
        Notification n = new Notification(text, new FontIcon(ActivityPane.icon(level)));
        n.getStyleClass().addAll(Styles.ELEVATED_2, switch (level) {
            case DANGER -> Styles.DANGER;
            case WARN -> Styles.WARNING;
            case GOOD -> Styles.SUCCESS;
            case INFO -> Styles.ACCENT;
        });
        n.setPrefWidth(340);
        n.setMaxWidth(340);
        n.setOnClose(e -> box.getChildren().remove(n));
        box.getChildren().add(n);
        while (box.getChildren().size() > MAX) box.getChildren().remove(0);
        PauseTransition t = new PauseTransition(visible);
        t.setOnFinished(e -> box.getChildren().remove(n));
        t.play();
        return () -> {
            t.stop();
            box.getChildren().remove(n);
        };
    }

    public int showing() {
        return box.getChildren().size();
    }
}

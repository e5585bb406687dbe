package io.drainboard.ui;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.Profile;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The status bar: profile and region (always visible), read-only state, last refresh and data health,
 * and the current error in words that say what to do.
 */
final class StatusLine {
    private final HBox box = new HBox(14);
    private final Label profile = new Label("no profile");
    private final Label region = new Label("");
    private final Label mode = new Label("");
    private final Label refresh = new Label("connecting…");
    private final Label health = new Label("");

    StatusLine() {
        box.setId("statusLine");
        box.getStyleClass().add("status-line");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 10, 4, 10));
        profile.setId("statusProfile");
        region.setId("statusRegion");
        mode.setId("statusMode");
        refresh.setId("statusRefresh");
        health.setId("statusHealth");
        profile.setGraphic(new FontIcon("mdi2a-account-key"));
        region.setGraphic(new FontIcon("mdi2m-map-marker"));
        health.setWrapText(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(health, Priority.SOMETIMES);
        box.getChildren().addAll(profile, region, mode, refresh, spacer, health);
    }

    Node node() {
        return box;
    }

    void connecting(String what) {
        refresh.setText("opening " + what + "…");
    }

    void profile(Profile p) {
        profile.setText(p.name());
        region.setText(String.join(", ", p.regions()));
        mode.setText(p.readOnly() ? "READ-ONLY" : p.production() ? "PRODUCTION" : p.embedded() ? "SIMULATOR" : "");
        mode.getStyleClass().setAll("label", "mode-badge", p.readOnly() ? "read-only" : p.production() ? "production" : "simulator");
    }

    void apply(FleetSnapshot s) {
        refresh.setText("refreshed " + s.takenAt().toString().substring(11, 19) + " UTC · "
                + s.tasks().count() + " tasks · " + s.readTime().toMillis() + " ms");
        if (s.healthy()) {
            health.setText("data OK");
            health.setGraphic(new FontIcon("mdi2c-check-circle"));
            health.getStyleClass().setAll("label", "health-ok");
        } else {
            health.setText(String.join("  |  ", s.errors()));
            health.setGraphic(new FontIcon("mdi2a-alert"));
            health.getStyleClass().setAll("label", "health-bad");
        }
    }

    void refreshFailed(String message) {
        health.setText(message);
        health.setGraphic(new FontIcon("mdi2a-alert"));
        health.getStyleClass().setAll("label", "health-bad");
    }

    void fatal(String title, String details) {
        refresh.setText(title);
        health.setText(details.replace('\n', ' '));
        health.setGraphic(new FontIcon("mdi2a-alert-octagon"));
        health.getStyleClass().setAll("label", "health-bad");
    }
}

package io.drainboard.ui;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Ticker;
import io.drainboard.ui.common.Tone;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Duration;
import java.time.Instant;

/**
 * The status bar: profile and region (always visible), mode (simulator, read-only, production), when the
 * data was last refreshed (ticking, and loud when stale), a spinner while something is in progress, and
 * data health in words that say what to do.
 */
final class StatusLine {
    private final HBox box = bar();
    private final Label profile = new Label("no profile");
    private final Label region = new Label("");
    private final Label mode = new Label("");
    private final Label production = new Label("PRODUCTION");
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label refresh = new Label("connecting…");
    private final Label health = new Label("");
    private final FontIcon refreshIcon = new FontIcon(Icons.REFRESH);
    private final FontIcon healthIcon = new FontIcon(Icons.OK);
    private final ChangeListener<Instant> tick = (obs, o, now) -> renderAge(now);
    /** When the last snapshot arrived, in wall time: the refresher runs on wall time even when the fleet is simulated faster. */
    private long lastArrived = -1;
    private Duration interval = Duration.ofSeconds(5);
    private String lastSummary = "";

    /** The bar itself, empty: the opening shell shows it before the console view exists. */
    static HBox bar() {
        HBox bar = new HBox(14);
        bar.getStyleClass().add("status-line");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    StatusLine() {
        box.setId("statusLine");
        profile.setId("statusProfile");
        region.setId("statusRegion");
        mode.setId("statusMode");
        refresh.setId("statusRefresh");
        health.setId("statusHealth");
        spinner.setId("statusBusy");
        profile.setGraphic(new FontIcon(Icons.PROFILE));
        region.setGraphic(new FontIcon(Icons.REGION));
        profile.getStyleClass().add("status-strong");
        region.getStyleClass().add("status-strong");
        production.getStyleClass().addAll("mode-badge", "production");
        production.setVisible(false);
        production.setManaged(false);
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        spinner.setVisible(false);
        spinner.setManaged(false);
        // What always shows keeps its width; the two messages give way (ellipsis, full text as tooltip), so
        // no message can make the bar, and with it the window's content, wider than the window.
        for (Label l : new Label[] {profile, region, mode, production}) l.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(0);
        health.setMinWidth(0);
        health.setMaxWidth(760);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        box.getChildren().addAll(profile, region, mode, production, spinner, refresh, spacer, health);
        Ticker.now().addListener(new WeakChangeListener<>(tick));
    }

    Node node() {
        return box;
    }

    void connecting(String what) {
        busy("opening " + what + "…");
        Tone.NORMAL.applyTo(refresh);
        lastArrived = -1;
        health.setText("");
        health.setGraphic(null);
    }

    /** Shows the spinner with what is in progress; the next snapshot (or failure) clears it. */
    void busy(String what) {
        spinner.setVisible(true);
        spinner.setManaged(true);
        refresh.setText(what);
    }

    private void idle() {
        spinner.setVisible(false);
        spinner.setManaged(false);
    }

    void profile(Profile p) {
        profile.setText(p.name());
        region.setText(String.join(", ", p.regions()));
        interval = p.refreshInterval();
        boolean ro = p.readOnly();
        mode.setText(p.embedded() ? (ro ? "SIMULATOR · READ-ONLY" : "SIMULATOR") : ro ? "READ-ONLY" : "read-write");
        mode.setGraphic(ro ? new FontIcon(Icons.READ_ONLY) : null);
        mode.getStyleClass().setAll("label", "mode-badge", ro ? "read-only" : p.embedded() ? "simulator" : "read-write");
        mode.setTooltip(new Tooltip(ro ? "Read-only profile: nothing can be changed from this console"
                : "Changes (protect, drain, rollout) will be possible on this profile once those actions exist"));
        production.setVisible(p.production());
        production.setManaged(p.production());
    }

    void apply(FleetSnapshot s) {
        if (s.partial()) { // a first read still going on: what it has got so far is on screen
            busy(s.progress().words() + " · " + s.tasks().count() + " tasks so far…");
            return;
        }
        idle();
        lastArrived = System.nanoTime();
        lastSummary = s.tasks().count() + " tasks · read in " + s.readTime().toMillis() + " ms";
        if (s.healthy()) {
            health.setText("data OK");
            healthIcon.setIconLiteral(Icons.OK);
            health.setGraphic(healthIcon);
            Tone.GOOD.applyTo(health);
            health.setTooltip(null);
        } else {
            String all = String.join("  |  ", problems(s));
            health.setText(all);
            healthIcon.setIconLiteral(Icons.WARN);
            health.setGraphic(healthIcon);
            Tone.DANGER.applyTo(health);
            health.setTooltip(new Tooltip(all));
        }
        renderAge(Ticker.instant());
    }

    private static java.util.List<String> problems(FleetSnapshot s) {
        java.util.List<String> p = new java.util.ArrayList<>(s.errors());
        if (!s.calls().ok() && p.stream().noneMatch(e -> e.startsWith("Calls unknown"))) {
            p.add("Calls unknown: " + s.calls().error().orElse(""));
        }
        return p;
    }

    void refreshFailed(String message) {
        idle();
        health.setText(message);
        health.setGraphic(new FontIcon(Icons.WARN));
        Tone.DANGER.applyTo(health);
        health.setTooltip(new Tooltip(message));
    }

    void fatal(String title, String advice) {
        idle();
        refresh.setText(title);
        refresh.setGraphic(null);
        Tone.DANGER.applyTo(refresh);
        health.setText(advice);
        health.setGraphic(new FontIcon(Icons.DANGER));
        Tone.DANGER.applyTo(health);
        health.setTooltip(new Tooltip(advice));
    }

    private void renderAge(Instant now) {
        if (lastArrived < 0 || spinner.isVisible()) return;
        Duration age = Duration.ofNanos(System.nanoTime() - lastArrived);
        boolean stale = age.compareTo(interval.multipliedBy(3).plusSeconds(5)) > 0;
        refresh.setText((stale ? "STALE: last refresh " : "refreshed ") + Formats.span(age) + " ago"
                + (stale ? ", still retrying" : " (every " + Formats.setting(interval) + ")") + " · " + lastSummary);
        refreshIcon.setIconLiteral(stale ? Icons.DISCONNECTED : Icons.REFRESH);
        refresh.setGraphic(refreshIcon);
        (stale ? Tone.DANGER : Tone.NORMAL).applyTo(refresh);
    }
}

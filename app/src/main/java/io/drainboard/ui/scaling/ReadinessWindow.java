package io.drainboard.ui.scaling;

import atlantafx.base.theme.Styles;
import io.drainboard.scaling.Finding;
import io.drainboard.scaling.ReadinessReport;
import io.drainboard.scaling.ServiceFacts;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One service's scaling readiness in its own window: each finding with the number behind it, what it costs, and
 * its fix as an AWS CLI command and a CloudFormation snippet (copyable), applied from here when it is an API call;
 * then what could not be checked, listed as such. The check runs off the FX thread ({@link ScalingViews}); this
 * window only shows its results.
 */
final class ReadinessWindow {
    /** What the window asks of its owner. */
    interface Actions {
        /** Runs the check again with this many sessions a task. */
        void check(int capacityPerTask);

        /** Asks to apply a finding's fix (confirmation, audit and the request are the owner's). */
        void apply(ReadinessReport report, Finding finding);

        void openLab();

        void note(String text);
    }

    private final Stage stage = new Stage();
    private final Label status = new Label();
    private final Label facts = new Label();
    private final VBox findings = new VBox(10);
    private final VBox notChecked = new VBox(2);
    private final Spinner<Integer> capacity = new Spinner<>(1, 64, 4);
    private final String serviceKey;
    private final Actions actions;
    /** Why a fix cannot be applied here (read-only profile), or empty. */
    private Optional<String> refusal = Optional.empty();

    ReadinessWindow(String serviceKey, Actions actions) {
        this.serviceKey = serviceKey;
        this.actions = actions;
        stage.setTitle("Scaling readiness — " + serviceKey);
        status.setId("readinessStatus");
        status.getStyleClass().add(Styles.TITLE_4);
        facts.setId("readinessFacts");
        facts.setWrapText(true);
        facts.getStyleClass().add("pane-subtitle");
        findings.setId("readinessFindings");
        notChecked.setId("readinessNotChecked");
        capacity.setId("readinessCapacity");
        capacity.setEditable(true);
        capacity.setPrefWidth(80);
        Button again = new Button("Check again");
        again.setId("readinessAgain");
        again.setOnAction(e -> check());
        Button lab = new Button("Try policies in the lab…");
        lab.setId("readinessLab");
        lab.setOnAction(e -> actions.openLab());
        Label capLabel = new Label("Sessions a task");
        capLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        capacity.setTooltip(new javafx.scene.control.Tooltip("The worker's capacity: AWS does not know it (3–5 recommended)"));
        ToolBar bar = new ToolBar(capLabel, capacity, again, lab);
        VBox body = new VBox(12, status, facts, findings, notChecked);
        body.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        BorderPane root = new BorderPane(scroll);
        root.setTop(bar);
        Scene scene = new Scene(root, 980, 760);
        scene.getStylesheets().add(ScalingViews.STYLESHEET);
        stage.setScene(scene);
        io.drainboard.ui.common.CloseKeys.install(stage);
    }

    Stage stage() {
        return stage;
    }

    int capacity() {
        return capacity.getValue();
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    void check() {
        checking();
        actions.check(capacity.getValue());
    }

    void checking() {
        status.setText("Checking " + serviceKey + "…");
    }

    void failed(String why) {
        status.setText("Cannot check " + serviceKey + ": " + why);
        findings.getChildren().clear();
        notChecked.getChildren().clear();
    }

    /** Shows a report; {@code refusal} is why its fixes cannot be applied here (a read-only profile). */
    void show(ReadinessReport r, Optional<String> refusal) {
        this.refusal = refusal;
        long problems = r.findings().stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).count();
        long warnings = r.findings().size() - problems;
        status.setText(serviceKey + ": " + (r.findings().isEmpty() ? "ready, nothing found"
                : count(problems, "problem") + ", " + count(warnings, "warning")) + " · " + count(r.notChecked().size(), "item")
                + " not checked");
        facts.setText(factsLine(r.facts()));
        findings.getChildren().clear();
        for (Finding f : r.findings()) findings.getChildren().add(card(r, f));
        notChecked.getChildren().clear();
        if (!r.notChecked().isEmpty()) {
            Label title = new Label("Not checked");
            title.getStyleClass().add(Styles.TITLE_4);
            notChecked.getChildren().add(title);
            for (String n : r.notChecked()) {
                Label l = new Label("not checked: " + n);
                l.setWrapText(true);
                l.getStyleClass().add("not-checked");
                notChecked.getChildren().add(l);
            }
        }
    }

    private static String factsLine(ServiceFacts f) {
        return String.format(Locale.ROOT, "%s · %d running, desired %d · %d busy (%d unprotected) · %d sessions now · %d a task (%s)"
                        + " · stopTimeout %s · p99 call %d s · start-up %d s (%s)%s", f.launchType(), f.runningTasks(),
                f.desiredCount(), f.busyTasks(), f.busyUnprotected(), f.sessionsNow(), f.capacityPerTask(), f.capacityBasis(),
                f.stopTimeoutSeconds().map(s -> s + " s").orElse("unknown"), f.p99Call().toSeconds(), f.startup().toSeconds(),
                f.startupBasis(), f.peak().map(p -> " · peak " + p.sessions() + " sessions on " + p.tasks() + " tasks").orElse(""));
    }

    private VBox card(ReadinessReport r, Finding f) {
        String kind = f.kind().name();
        Label severity = new Label(f.severity() == Finding.Severity.PROBLEM ? "PROBLEM" : "WARNING");
        severity.getStyleClass().addAll("finding-severity", f.severity() == Finding.Severity.PROBLEM ? Styles.DANGER : Styles.WARNING);
        Label title = new Label(f.title());
        title.getStyleClass().add(Styles.TITLE_4);
        HBox head = new HBox(8, severity, title);
        head.setAlignment(Pos.CENTER_LEFT);
        Label measured = wrapped(f.measured(), "finding-measured");
        measured.setId("measured-" + kind);
        Label why = wrapped(f.why(), "pane-subtitle");
        Label fix = wrapped("Fix: " + f.fix().summary(), "finding-fix");
        VBox card = new VBox(6, head, measured, why, fix,
                snippet("AWS CLI", f.fix().cli(), "cli-" + kind, "copyCli-" + kind),
                snippet("CloudFormation", f.fix().cloudFormation(), "cfn-" + kind, "copyCfn-" + kind));
        if (!f.fix().profile().isEmpty()) {
            card.getChildren().add(snippet("Guard service profile (YAML to add; not applied from here)", f.fix().profile(),
                    "yaml-" + kind, "copyYaml-" + kind));
        }
        if (!f.fix().changes().isEmpty()) {
            Button apply = new Button("Apply this fix…");
            apply.setId("applyFix-" + kind);
            apply.getStyleClass().add(Styles.SMALL);
            apply.setDisable(refusal.isPresent());
            apply.setOnAction(e -> actions.apply(r, f));
            Label whyNot = wrapped(refusal.orElse(""), "pane-subtitle");
            whyNot.setId("applyWhy-" + kind);
            whyNot.setVisible(refusal.isPresent());
            whyNot.setManaged(refusal.isPresent());
            card.getChildren().add(new VBox(4, apply, whyNot));
        } else {
            card.getChildren().add(wrapped("Not applied from the console: " + (f.kind() == Finding.Kind.STOP_TIMEOUT_SHORT
                    ? "a new task definition revision (Roll out… deploys it)" : !f.fix().profile().isEmpty()
                    ? "a change to the guard service's profile, not an AWS setting"
                    : "the worker's or the guard's job, not an AWS setting"),
                    "pane-subtitle"));
        }
        card.setId("finding-" + kind);
        card.getStyleClass().add("finding-card");
        card.setPadding(new Insets(10));
        return card;
    }

    private VBox snippet(String name, String text, String id, String copyId) {
        TextArea area = new TextArea(text);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(12, Math.max(2, (int) text.lines().count() + (text.length() > 110 ? 1 : 0))));
        area.getStyleClass().add("code-snippet");
        Button copy = new Button("Copy");
        copy.setId(copyId);
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> {
            Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
            actions.note("Copied the " + name + " fix for " + serviceKey);
        });
        Label label = new Label(name);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, label, gap, copy);
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, head, area);
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}

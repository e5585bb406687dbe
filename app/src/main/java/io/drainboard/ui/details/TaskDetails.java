package io.drainboard.ui.details;

import atlantafx.base.theme.Styles;
import io.drainboard.calls.ActiveCall;
import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.CutRisk;
import io.drainboard.drain.DrainPlan;
import io.drainboard.drain.DrainStatus;
import io.drainboard.fleet.ContainerSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceEvent;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Look;
import io.drainboard.ui.common.Ticker;
import io.drainboard.ui.common.WrappedLabel;
import io.drainboard.ui.tasks.Looks;
import io.drainboard.ui.model.DrainView;
import io.drainboard.ui.model.StopStage;
import io.drainboard.ui.tasks.TaskRow;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The selected task: where it runs, its containers, its clocks (stopTimeout, protection, SIGKILL), its
 * calls with age and predicted end, and the service events that name it; with copy-ARN and
 * open-in-AWS-console actions. Clock labels tick with the {@link Ticker}; a refresh changes texts and
 * rebuilds the calls and events lists only when they changed.
 */
public final class TaskDetails {
    private final VBox box = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(box);
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Button copy = new Button("Copy ARN", Facts.icon(Icons.COPY));
    private final Button console = new Button("AWS console", Facts.icon(Icons.OPEN_EXTERNAL));
    private final Facts facts = new Facts();
    private final GridPane calls = new GridPane();
    private final Label callsTitle = new Label();
    private final Label eventsTitle = new Label();
    private final VBox events = new VBox(2);
    private final Map<String, Function<Instant, Look>> clocks = new LinkedHashMap<>();
    private final List<Runnable> callTickers = new ArrayList<>();
    private final ChangeListener<Instant> tick = (obs, o, now) -> tickAll(now);
    private List<ActiveCall> shownCalls = List.of();
    private List<ServiceEvent> shownEvents = List.of();
    private CallSurvival shownCurve;
    private TaskRow row;

    /**
     * @param copyArn     copies the task ARN (the view owns the clipboard and says it did)
     * @param openConsole opens the task in the AWS console
     */
    public TaskDetails(Consumer<TaskRow> copyArn, Consumer<TaskRow> openConsole) {
        scroll.setId("taskDetails");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("details-scroll");
        box.getStyleClass().add("details-pane");
        title.setId("taskTitle");
        title.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
        subtitle.getStyleClass().add("pane-subtitle");
        subtitle.setWrapText(true);
        copy.setId("copyArn");
        console.setId("openConsole");
        copy.setTooltip(new Tooltip("Copy the task ARN (c)"));
        console.setTooltip(new Tooltip("Open this task in the AWS console (o)"));
        copy.setOnAction(e -> { if (row != null) copyArn.accept(row); });
        console.setOnAction(e -> { if (row != null) openConsole.accept(row); });
        for (Button b : List.of(copy, console)) b.getStyleClass().addAll(Styles.SMALL);
        FlowPane actions = new FlowPane(6, 4, copy, console);
        actions.setAlignment(Pos.CENTER_LEFT);
        calls.setId("taskCalls");
        calls.setHgap(14);
        calls.setVgap(2);
        // Room and age never shrink; the forecast wraps (between its median and its range first) in a narrow pane.
        ColumnConstraints room = new ColumnConstraints();
        room.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints age = new ColumnConstraints();
        age.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints end = new ColumnConstraints();
        end.setHgrow(Priority.ALWAYS);
        end.setFillWidth(true);
        calls.getColumnConstraints().addAll(room, age, end);
        callsTitle.getStyleClass().add("section-title");
        eventsTitle.getStyleClass().add("section-title");
        box.getChildren().addAll(title, subtitle, actions, facts.grid, callsTitle, calls, eventsTitle, events);
        Ticker.now().addListener(new WeakChangeListener<>(tick));
        show(null, null, null);
    }

    public Node node() {
        return scroll;
    }

    /** The operator's task actions (protect, release, drain…), under the copy and console buttons. */
    public void addActions(Node actions) {
        box.getChildren().add(3, actions);
    }

    /** Shows a task (or nothing); called on selection change and after each refresh. */
    public void show(TaskRow r, FleetSnapshot s, CallSurvival curve) {
        row = r;
        clocks.clear();
        facts.begin();
        if (r == null || r.snapshot() == null || s == null) {
            title.setText("No task selected");
            subtitle.setText("Select a task (click, or j / k) to see its clocks and calls");
            callsTitle.setText("");
            facts.end();
            showCalls(List.of(), null);
            showEvents(List.of());
            copy.setDisable(true);
            console.setDisable(true);
            return;
        }
        copy.setDisable(false);
        console.setDisable(false);
        TaskSnapshot t = r.snapshot();
        title.setText("Task " + r.shortId());
        subtitle.setText(t.clusterName() + " / " + t.serviceName() + " · " + t.launchType() + " · " + t.availabilityZone()
                + t.privateIp().map(ip -> " · " + ip).orElse(""));
        facts.set("ARN", t.arn()).getStyleClass().setAll("label", "arn");
        facts.set("Revision", Looks.revision(r.revision.get()));
        facts.set("Status", Looks.state(r.state.get()));
        t.startedAt().ifPresent(st -> clock("Started", now -> Look.plain(Formats.age(st, now) + " ago, at " + Formats.clock(st) + " UTC")));
        facts.set("Health", Looks.health(t.healthStatus()));
        facts.set("stopTimeout", t.stopTimeout().seconds() + " s · " + t.stopTimeout().basis());
        clock("Protection", now -> Looks.protection(t.protection(), now));
        if (r.holder.get() != null) facts.set("Held by", Looks.holder(r.holder.get())).setId("taskHolder");
        r.activity().ifPresent(a -> a.drain().ifPresent(d -> drain(d, a.source().words(), t)));
        if (r.kill.get().stage() != StopStage.SERVING) clock("SIGKILL", now -> Looks.kill(r.kill.get(), now));
        t.stopCode().ifPresent(c -> facts.set("Stop code", c + t.stoppedReason().map(x -> " · " + x).orElse("")));
        for (int i = 0; i < t.containers().size(); i++) {
            facts.set(t.containers().size() == 1 ? "Container" : "Container " + (i + 1), container(t.containers().get(i)));
        }
        facts.end();
        callsOf(t, s, curve);
        showEvents(s.service(t.clusterName(), t.serviceName()).map(ServiceSnapshot::events).orElse(List.of())
                .stream().filter(e -> e.message().contains(t.id())).limit(6).toList());
        tickAll(Ticker.instant());
    }

    /** A drain of the task, whoever runs it: phase and why it waits, both clocks, and what the deadline will do. */
    private void drain(DrainStatus d, String by, TaskSnapshot t) {
        Look l = Looks.drain(new DrainView(StopStage.of(t), d, by));
        facts.set("Drain", new Look(l.text() + " · " + d.reason(), l.icon(), l.tone(), null)).setId("taskDrain");
        if (d.phase().finished()) return;
        String policy = DrainPlan.defaults(d.method()).onDeadline() == DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND
                ? "then an alarm, and the deadline is extended (calls are never cut without a confirmed force)"
                : "then the drain is held for you to force it (cuts the calls) or extend it";
        clock("Drain deadline", now -> Look.plain((now.isBefore(d.deadline()) ? "in " + Formats.span(Duration.between(now, d.deadline()))
                : "passed " + Formats.age(d.deadline(), now) + " ago") + " · " + policy));
        d.cordonedAt().ifPresent(c -> facts.set("Cordoned", d.method().key() + " · " + Formats.clock(c) + " UTC"));
        if (!d.alarms().isEmpty()) facts.set("Drain alarms", Look.of(String.join("; ", d.alarms()), Icons.DANGER,
                io.drainboard.ui.common.Tone.DANGER));
    }

    private void clock(String name, Function<Instant, Look> look) {
        clocks.put(name, look);
        facts.set(name, look.apply(Ticker.instant()));
    }

    private void tickAll(Instant now) {
        clocks.forEach((name, look) -> Facts.show(facts.value(name), look.apply(now)));
        callTickers.forEach(Runnable::run);
    }

    private void callsOf(TaskSnapshot t, FleetSnapshot s, CallSurvival curve) {
        if (t.calls() instanceof TaskCalls.Unknown u) {
            callsTitle.setText("Calls unknown: " + u.why() + ". Unknown is not zero: do not stop this task on it.");
            showCalls(List.of(), curve);
            return;
        }
        List<ActiveCall> on = t.calls().calls().stream().sorted(Comparator.comparing(ActiveCall::startedAt)).toList();
        callsTitle.setText(Formats.count(t.calls().count(), "live call") + " · source " + t.calls().source()
                + (t.calls() instanceof TaskCalls.Stale ? " · STALE, as of " + Formats.clock(t.calls().observedAt()) + " UTC" : ""));
        showCalls(on, curve);
    }

    /** The calls list, rebuilt only when the calls changed; each row's age and forecast tick. */
    private void showCalls(List<ActiveCall> on, CallSurvival curve) {
        if (on.equals(shownCalls) && curve == shownCurve) return;
        shownCalls = on;
        shownCurve = curve;
        calls.getChildren().clear();
        callTickers.clear();
        if (on.isEmpty()) return;
        Label endTitle = header("Predicted end (10–90 %)");
        endTitle.setWrapText(true);
        calls.addRow(0, header("Room"), header("Age"), endTitle);
        CutRisk risk = new CutRisk(curve);
        int i = 1;
        for (ActiveCall c : on) {
            Label age = new Label();
            Label end = new WrappedLabel();
            Label room = new Label(c.room());
            GridPane.setValignment(room, VPos.TOP);
            GridPane.setValignment(age, VPos.TOP);
            calls.addRow(i++, room, age, end);
            callTickers.add(() -> {
                Instant now = Ticker.instant();
                double a = Math.max(0, Duration.between(c.startedAt(), now).toSeconds());
                CutRisk.IdleForecast f = risk.forecast(List.of(a));
                age.setText(Formats.age(c.startedAt(), now));
                end.setText("in ~" + unbroken(Formats.spanSeconds(f.median())) + " (" + unbroken(Formats.spanSeconds(f.p10()))
                        + " – " + unbroken(Formats.spanSeconds(f.p90())) + ")");
            });
        }
    }

    private void showEvents(List<ServiceEvent> about) {
        if (about.equals(shownEvents)) return;
        shownEvents = about;
        events.getChildren().clear();
        eventsTitle.setText(about.isEmpty() ? "" : "Service events about this task");
        for (ServiceEvent e : about) {
            Label l = new Label(Formats.clock(e.createdAt()) + "  " + e.message());
            l.setWrapText(true);
            l.getStyleClass().add("event-line");
            events.getChildren().add(l);
        }
    }

    private static String container(ContainerSnapshot c) {
        String image = c.image() == null ? "?" : c.image().substring(c.image().lastIndexOf('/') + 1);
        return c.name() + " · " + c.lastStatus() + " · " + image
                + (c.healthStatus() == null || "UNKNOWN".equals(c.healthStatus()) ? "" : " · " + c.healthStatus().toLowerCase())
                + c.exitCode().map(x -> " · exit " + x + (x == 137 ? " (SIGKILL)" : x == 143 ? " (SIGTERM)" : "")).orElse("")
                + c.reason().map(x -> " · " + x).orElse("");
    }

    /** A span ("4 m 05 s") that a wrapped line never breaks inside. */
    private static String unbroken(String span) {
        return span.replace(' ', '\u00a0');
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-name");
        return l;
    }

}

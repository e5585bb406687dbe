package io.drainboard.ui.history;

import io.drainboard.history.StopRecord;
import io.drainboard.history.TimelineParts;
import io.drainboard.ui.common.Tone;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The selected stop: the task, what ECS said, the calls it cut and each call LiveKit showed on the task. */
public final class StopDetails extends VBox {
    private final DateTimeFormatter f;
    private final Label title = new Label("Click a stop marker or a row to see the task and its calls");
    private final GridPane facts = new GridPane();
    private final ListView<String> calls = new ListView<>();

    public StopDetails(ZoneId zone) {
        setId("stopDetails");
        this.f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        title.setId("stopTitle");
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        facts.setHgap(10);
        facts.setVgap(2);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Launch type / AZ" never shrinks to "…"
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().addAll(names, values);
        calls.setId("stopCalls");
        calls.setPlaceholder(new Label("No calls known for this task"));
        VBox.setVgrow(calls, Priority.ALWAYS);
        setSpacing(6);
        setMinWidth(280);
        getChildren().addAll(title, facts, new Label("Calls on the task"), calls);
    }

    public void show(StopRecord s, List<TimelineParts.Call> taskCalls) {
        String cut = s.callsCutText();
        title.setText((s.cutCalls() ? "✕ Cut " + cut + ("1".equals(cut) ? " call — " : " calls — ") : "Stopped — ") + "task "
                + s.taskId());
        (s.cutCalls() ? Tone.DANGER : Tone.NORMAL).applyTo(title);
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "Service", s.clusterName() + "/" + s.serviceName());
        row = fact(row, "Revision", s.revision());
        row = fact(row, "Launch type / AZ", s.launchType() + " / " + s.availabilityZone());
        row = fact(row, "Cause", s.cause().label());
        row = fact(row, "Stop code", s.stopCode().orElse("?"));
        row = fact(row, "ECS's reason", s.stoppedReason().orElse(""));
        row = fact(row, "Exit code", s.exitCode().map(c -> c + (c == 137 ? " (SIGKILL)" : "")).orElse("none"));
        row = fact(row, "Told to stop", s.stoppingAt().map(f::format).orElse("?"));
        row = fact(row, "Killed", s.killAt().map(f::format).orElse("?"));
        row = fact(row, "Stopped", f.format(s.stoppedAt()));
        row = fact(row, "Calls cut", s.callsCutText());
        fact(row, "How known", s.callsBasis());
        calls.getItems().setAll(taskCalls.stream().map(c -> line(c, s)).toList());
        if (taskCalls.isEmpty() && s.backfilled()) {
            calls.setPlaceholder(new Label("Backfilled: CloudWatch gives counts, not the calls themselves"));
        }
    }

    private int fact(int row, String name, String value) {
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        facts.addRow(row, new Label(name), v);
        return row + 1;
    }

    private String line(TimelineParts.Call c, StopRecord s) {
        String start = c.startedAt().map(f::format).orElse("?");
        String end = c.cut() ? "CUT at " + c.endedAt().map(f::format).orElse("the kill")
                + c.startedAt().map(t -> " after " + minutes(Duration.between(t, s.at()))).orElse("")
                : c.endedAt().map(e -> "ended " + f.format(e)).orElse("still live at last reading");
        return (c.cut() ? "✕ " : "   ") + c.room() + "  started " + start + "  " + end;
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    public String titleText() {
        return title.getText();
    }
}

package io.drainboard.ui.actions;

import io.drainboard.audit.AuditEntry;
import io.drainboard.audit.AuditLog;
import io.drainboard.ui.common.OffFx;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The audit log in a window: one line per action (its intent and result joined), newest first, with
 * who, profile, action, targets, reason and result. An action whose result never came (a crash between
 * sending and recording) shows as "unfinished". The file is read off the FX thread; {@link #refresh}
 * is called as actions happen.
 */
public final class AuditView {
    static final int SHOWN = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One action as listed. */
    public record Line(String time, String who, String profile, String action, String targets, String reason,
                       String result) {
    }

    private final Stage stage = new Stage();
    private final TableView<Line> table = new TableView<>();
    private final Label status = new Label();
    private final AuditLog log;
    private final OffFx work;

    private AuditView(Window owner, AuditLog log, Executor work) {
        this.log = log;
        this.work = new OffFx(work);
        if (owner != null) stage.initOwner(owner);
        stage.setTitle("Drainboard — audit log");
        table.setId("auditTable");
        table.setPlaceholder(new Label("No actions recorded yet"));
        table.getColumns().addAll(List.of(column("Time (UTC)", 170, Line::time), column("Who", 120, Line::who),
                column("Profile", 80, Line::profile), column("Action", 150, Line::action),
                column("Targets", 250, Line::targets), column("Reason", 220, Line::reason),
                column("Result", 320, Line::result)));
        status.setId("auditStatus");
        BorderPane root = new BorderPane(table);
        root.setBottom(status);
        BorderPane.setMargin(status, new Insets(6, 8, 6, 8));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Never wider than the screen (1340 px did not fit a 1280×800 one); the columns share what there is.
        Scene scene = new Scene(root, Math.min(1340, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth() - 40), 560);
        if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        io.drainboard.ui.common.CloseKeys.install(stage);
    }

    /** Opens the window (FX thread) and reads the log in the background. */
    public static AuditView open(Window owner, AuditLog log, Executor work) {
        AuditView v = new AuditView(owner, log, work);
        v.stage.show();
        v.refresh();
        return v;
    }

    public boolean showing() {
        return stage.isShowing();
    }

    public Stage stage() {
        return stage;
    }

    public void toFront() {
        stage.show();
        stage.toFront();
    }

    /** Re-reads the log (in the background) and shows it; keeps the list if the file cannot be read. */
    public void refresh() {
        work.run(() -> lines(log.recent(2 * SHOWN)), lines -> {
            table.getItems().setAll(lines);
            status.setText(lines.size() + " actions, newest first · " + log.directory());
        }, e -> status.setText(OffFx.words(e)));
    }

    /** Intents and results joined by id, newest first. */
    static List<Line> lines(List<AuditEntry> entries) {
        Map<String, AuditEntry[]> byId = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            AuditEntry[] pair = byId.computeIfAbsent(e.id(), k -> new AuditEntry[2]);
            pair[e.phase() == AuditEntry.Phase.INTENT ? 0 : 1] = e;
        }
        List<Line> out = new ArrayList<>();
        for (AuditEntry[] p : byId.values()) {
            AuditEntry first = p[0] != null ? p[0] : p[1];
            String result = p[1] == null ? "unfinished (no result recorded)"
                    : p[1].outcome() + (p[1].details().isEmpty() ? "" : " · " + String.join("; ", p[1].details()));
            String params = first.parameters().isEmpty() ? "" : " " + first.parameters();
            out.add(new Line(TIME.format(first.at()), first.operator() + "@" + first.host(), first.profile(),
                    first.action() + params, String.join(", ", first.targets().stream().map(AuditView::shortArn).toList()),
                    first.reason(), result));
        }
        java.util.Collections.reverse(out);
        return out.subList(0, Math.min(SHOWN, out.size()));
    }

    private static String shortArn(String arn) {
        return arn.startsWith("arn:") ? arn.substring(arn.lastIndexOf('/') + 1) : arn;
    }

    private static TableColumn<Line, String> column(String title, double width, Function<Line, String> f) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setCellFactory(col -> new WrappedCell());
        return c;
    }

    /**
     * A cell whose words wrap to its column's width, so long targets and results read in full on a taller row: a
     * Text's bounds follow its wrapping width, where a wrapped cell's own text is measured for no width (one line).
     */
    private static final class WrappedCell extends TableCell<Line, String> {
        private final Text text = new Text();

        WrappedCell() {
            text.fillProperty().bind(textFillProperty());
            text.fontProperty().bind(fontProperty());
            tableColumnProperty().addListener((obs, was, now) -> {
                text.wrappingWidthProperty().unbind();
                if (now != null) text.wrappingWidthProperty().bind(now.widthProperty().subtract(12));
            });
        }

        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            setText(null);
            text.setText(empty || s == null ? "" : s);
            setGraphic(empty || s == null ? null : text);
        }
    }
}

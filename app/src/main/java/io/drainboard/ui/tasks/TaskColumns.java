package io.drainboard.ui.tasks;

import io.drainboard.ui.model.CallLoad;
import io.drainboard.ui.model.DrainView;
import io.drainboard.ui.model.KillOutlook;
import io.drainboard.ui.model.Revision;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.common.Look;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The task table's columns, in reading order; each has an id ("col-calls") and a comparator that is
 * time-free. {@link #rowOrder} gives the same order on rows directly: the table's own comparator builds a
 * CellDataFeatures per comparison, which at 10,000 rows was most of a re-sort.
 */
final class TaskColumns {
    private static final Map<String, Comparator<TaskRow>> ROW_ORDER = new HashMap<>();
    /** What each column's cells show for a row at an instant: the words {@link ColumnFit} sizes the column to. */
    private static final Map<String, BiFunction<TaskRow, Instant, Look>> LOOKS = new HashMap<>();

    private TaskColumns() {
    }

    /** The order of one column on rows, ascending. */
    static Comparator<TaskRow> rowOrder(String columnId) {
        return ROW_ORDER.get(columnId);
    }

    /** The look of one column's cell for a row, or null for a column drawn otherwise (Calls). */
    static BiFunction<TaskRow, Instant, Look> look(String columnId) {
        return LOOKS.get(columnId);
    }

    static List<TableColumn<TaskRow, ?>> all() {
        // The clocks and calls come first; AZ and Launch are in the table's menu (the details pane shows both).
        return List.of(
                mono(text("col-task", "Task", 108, r -> r.shortId())),
                text("col-cluster", "Cluster", 100, r -> r.cluster), // two support-agent services are told apart
                text("col-service", "Service", 118, r -> r.service),
                looked("col-revision", "Revision", 134, r -> r.revision, (v, now) -> Looks.revision(v), false,
                        Comparator.comparing(Revision::label).thenComparingInt(Revision::number)),
                looked("col-status", "Status", 108, r -> r.state, (v, now) -> Looks.state(v), false,
                        Comparator.comparing(TaskRow.TaskState::text)),
                calls(),
                looked("col-oldest", "Oldest", 84, r -> r.calls, Looks::oldest, true, oldestOrder()),
                looked("col-protection", "Protection", 118, r -> r.protection, Looks::protection, true,
                        protectionOrder()),
                looked("col-holder", "Held by", 132, r -> r.holder, (v, now) -> Looks.holder(v), false,
                        Comparator.comparing(h -> h == null ? -1 : h.kind().ordinal())),
                looked("col-kill", "SIGKILL in", 196, r -> r.kill, Looks::kill, true, killOrder()),
                looked("col-drain", "Drain", 126, r -> r.drain, (v, now) -> Looks.drain(v), false,
                        Comparator.comparingLong(DrainView::rank)),
                looked("col-health", "Health", 92, r -> r.health, (v, now) -> Looks.health(v), false,
                        Comparator.<String>naturalOrder()),
                hidden(looked("col-az", "AZ", 84, r -> r.availabilityZone, (v, now) -> Look.plain(v), false,
                        Comparator.<String>naturalOrder())),
                hidden(looked("col-launch", "Launch", 70, r -> r.launchType, (v, now) -> Look.plain(v), false,
                        Comparator.<String>naturalOrder())));
    }

    /** Out of view until the operator turns it on in the table's menu. */
    private static <T> TableColumn<TaskRow, T> hidden(TableColumn<TaskRow, T> c) {
        c.setVisible(false);
        return c;
    }

    /** Task ids in a fixed-width font: 12 characters always fit and line up. */
    private static TableColumn<TaskRow, String> mono(TableColumn<TaskRow, String> c) {
        c.getStyleClass().add("mono");
        return c;
    }

    private static TableColumn<TaskRow, String> text(String id, String title, double width, Function<TaskRow, String> f) {
        TableColumn<TaskRow, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setCellFactory(col -> new LookCell<>((v, now) -> Look.plain(v), false)); // a quiet cell, as every column's
        ROW_ORDER.put(id, Comparator.comparing(f));
        LOOKS.put(id, (r, now) -> Look.plain(f.apply(r)));
        return c;
    }

    private static <T> TableColumn<TaskRow, T> looked(String id, String title, double width,
                                                      Function<TaskRow, ObservableValue<T>> value,
                                                      BiFunction<T, Instant, Look> look, boolean ticks,
                                                      Comparator<T> order) {
        TableColumn<TaskRow, T> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        c.setCellFactory(col -> new LookCell<>(look, ticks));
        c.setComparator(Comparator.nullsLast(order));
        ROW_ORDER.put(id, Comparator.comparing(r -> value.apply(r).getValue(), Comparator.nullsLast(order)));
        LOOKS.put(id, (r, now) -> {
            T v = value.apply(r).getValue();
            return v == null ? Look.EMPTY : look.apply(v, now);
        });
        return c;
    }

    private static TableColumn<TaskRow, CallLoad> calls() {
        TableColumn<TaskRow, CallLoad> c = new TableColumn<>("Calls");
        c.setId("col-calls");
        c.setPrefWidth(92);
        c.setCellValueFactory(cd -> cd.getValue().calls);
        c.setCellFactory(col -> new CallsCell());
        c.setComparator(Comparator.nullsLast(Comparator.comparingInt(CallLoad::count)));
        ROW_ORDER.put("col-calls", Comparator.comparingInt(r -> r.calls.get() == null ? -2 : r.calls.get().count()));
        return c;
    }

    static Comparator<Protection> protectionOrder() {
        return Comparator.comparing((Protection p) -> p.state().ordinal())
                .thenComparing(p -> p.expiresAt().orElse(Instant.MAX));
    }

    /** Ascending = youngest oldest-call first; tasks without calls come first. */
    static Comparator<CallLoad> oldestOrder() {
        return Comparator.comparingLong((CallLoad l) ->
                l.calls().oldestStart().map(s -> -s.toEpochMilli()).orElse(Long.MIN_VALUE));
    }

    /** Ascending = nearest SIGKILL first; tasks not being stopped last. */
    static Comparator<KillOutlook> killOrder() {
        return Comparator.comparingLong((KillOutlook k) -> !k.stage().stopping() ? Long.MAX_VALUE
                : k.clock().map(c -> c.earliestSigkill().toEpochMilli()).orElse(Long.MAX_VALUE - 1));
    }
}

package io.drainboard.ui;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Columns whose cells render rich values (protection countdown, calls, clocks). Cells build nothing in
 * updateItem, style through pseudo-classes, and tick with the shared {@link Ticker}; state is always
 * spelled out in text, never shown by colour alone.
 */
final class TaskCells {
    static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    static final PseudoClass GOOD = PseudoClass.getPseudoClass("good");
    static final PseudoClass MUTED = PseudoClass.getPseudoClass("muted");

    private TaskCells() {
    }

    static TableColumn<TaskRow, String> status() {
        TableColumn<TaskRow, String> c = new TableColumn<>("Status");
        c.setId("col-status");
        c.setPrefWidth(96);
        c.setCellValueFactory(cd -> cd.getValue().lastStatus);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                pseudoClassStateChanged(GOOD, !empty && "RUNNING".equals(s));
                pseudoClassStateChanged(WARN, !empty && s != null && !"RUNNING".equals(s) && !"STOPPED".equals(s));
            }
        });
        return c;
    }

    static TableColumn<TaskRow, Protection> protection() {
        TableColumn<TaskRow, Protection> c = new TableColumn<>("Protection");
        c.setId("col-protection");
        c.setPrefWidth(120);
        c.setCellValueFactory(cd -> cd.getValue().protection);
        c.setComparator(TaskTable.protectionOrder());
        c.setCellFactory(col -> new TickingCell<>((p, now) -> switch (p.state()) {
            case UNKNOWN -> "? unknown";
            case OFF -> "off";
            case ON -> p.expiresAt().map(e -> "on · " + Formats.span(Duration.between(now, e))).orElse("on");
        }, (cell, p) -> {
            cell.pseudoClassStateChanged(GOOD, p.state() == Protection.State.ON);
            cell.pseudoClassStateChanged(MUTED, p.state() != Protection.State.ON);
        }));
        return c;
    }

    static TableColumn<TaskRow, TaskCalls> calls() {
        TableColumn<TaskRow, TaskCalls> c = new TableColumn<>("Calls");
        c.setId("col-calls");
        c.setPrefWidth(66);
        c.setCellValueFactory(cd -> cd.getValue().calls);
        c.setComparator(TaskTable.callsOrder());
        c.setCellFactory(col -> new TickingCell<>((calls, now) -> calls.known() ? Integer.toString(calls.count()) : "? stale",
                (cell, calls) -> {
                    cell.pseudoClassStateChanged(WARN, !calls.known());
                    cell.setTooltip(new Tooltip(calls.known()
                            ? calls.count() + " live calls (source " + calls.source() + ")"
                            : "Calls unknown: " + calls.error().orElse("source failed")));
                }));
        return c;
    }

    static TableColumn<TaskRow, TaskCalls> oldestCall() {
        TableColumn<TaskRow, TaskCalls> c = new TableColumn<>("Oldest call");
        c.setId("col-oldest");
        c.setPrefWidth(100);
        c.setCellValueFactory(cd -> cd.getValue().calls);
        c.setComparator(java.util.Comparator.comparing((TaskCalls t) -> t.oldestStart().orElse(Instant.MAX)));
        c.setCellFactory(col -> new TickingCell<>((calls, now) -> !calls.known() ? "?"
                : calls.oldestStart().map(s -> Formats.age(s, now)).orElse("—"), (cell, calls) -> { }));
        return c;
    }

    static TableColumn<TaskRow, StopTimeout> stopTimeout() {
        TableColumn<TaskRow, StopTimeout> c = new TableColumn<>("stopTimeout");
        c.setId("col-stoptimeout");
        c.setPrefWidth(100);
        c.setCellValueFactory(cd -> cd.getValue().stopTimeout);
        c.setComparator(TaskTable.stopTimeoutOrder());
        c.setCellFactory(col -> new TickingCell<>((st, now) -> st.seconds() + " s", (cell, st) -> {
            cell.setTooltip(new Tooltip(st.basis()));
            cell.pseudoClassStateChanged(WARN, st.seconds() <= 120);
        }));
        return c;
    }

    /** A cell whose text depends on the value and on "now"; it re-renders on every tick while visible. */
    static final class TickingCell<T> extends TableCell<TaskRow, T> {
        private final BiFunction<T, Instant, String> text;
        private final java.util.function.BiConsumer<TickingCell<T>, T> style;
        private final ChangeListener<Instant> tick = (obs, o, now) -> render(now);

        TickingCell(BiFunction<T, Instant, String> text, java.util.function.BiConsumer<TickingCell<T>, T> style) {
            this.text = text;
            this.style = style;
            Ticker.now().addListener(new javafx.beans.value.WeakChangeListener<>(tick));
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            style.accept(this, item);
            render(Ticker.now().get());
        }

        private void render(Instant now) {
            T item = getItem();
            if (item != null && !isEmpty()) setText(text.apply(item, now));
        }
    }
}

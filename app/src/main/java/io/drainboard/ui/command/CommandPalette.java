package io.drainboard.ui.command;

import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The command palette (Ctrl+K or {@code :}, as in k9s): type a few letters of anything (a service, a
 * cluster, a task id, an action, a column to sort by), Enter runs the best match. Commands that cannot
 * run now are listed greyed with the reason.
 */
public final class CommandPalette {
    static final int SHOWN = 60;
    private final Overlay overlay;
    private final Supplier<List<Command>> commands;
    private final TextField query = new TextField();
    private final ListView<Command> results = new ListView<>();
    private final Label hint = new Label();
    private final VBox box = new VBox(6);

    public CommandPalette(Overlay overlay, Supplier<List<Command>> commands) {
        this.overlay = overlay;
        this.commands = commands;
        box.setId("palette");
        box.getStyleClass().add("palette");
        box.setMaxWidth(640);
        box.setMaxHeight(460);
        query.setId("paletteQuery");
        query.setPromptText("Go to a service or task, sort, filter, theme… (Enter runs, Esc closes)");
        results.setId("paletteList");
        results.setCellFactory(v -> new Row(results));
        results.setPrefHeight(360);
        hint.getStyleClass().add("palette-hint");
        hint.setWrapText(true);
        Label title = new Label("Command palette", new FontIcon(Icons.PALETTE));
        title.getStyleClass().add("section-title");
        box.getChildren().addAll(title, query, results, hint);
        query.textProperty().addListener((obs, o, q) -> update(q));
        query.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> move(1);
                case UP -> move(-1);
                case PAGE_DOWN -> move(10);
                case PAGE_UP -> move(-10);
                case ENTER -> runSelected();
                default -> { return; }
            }
            e.consume();
        });
        results.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) runSelected();
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) runSelected();
        });
    }

    public void open() {
        query.setText("");
        update("");
        overlay.show(box, query, () -> { });
    }

    public boolean isOpen() {
        return overlay.showing() && overlay.content() == box;
    }

    private void update(String q) {
        List<Command> all = commands.get();
        List<Command> shown;
        if (q.isBlank()) {
            shown = all.stream().limit(SHOWN).toList();
        } else {
            record Scored(Command c, int score) {
            }
            shown = all.stream().map(c -> new Scored(c, FuzzyMatch.score(q, c.group() + " " + c.title())))
                    .filter(s -> s.score() >= 0)
                    .sorted(Comparator.comparingInt((Scored s) -> s.c().available() ? 0 : 1)
                            .thenComparing(Comparator.comparingInt(Scored::score).reversed()))
                    .limit(SHOWN).map(Scored::c).toList();
        }
        results.getItems().setAll(shown);
        if (!shown.isEmpty()) results.getSelectionModel().select(0);
        results.scrollTo(0);
        hint.setText(shown.isEmpty() ? "Nothing matches \"" + q + "\". Try a service name, a task id, \"sort\", \"filter\" or \"help\"."
                : "↑↓ choose · Enter run · Esc close");
        Tone.NORMAL.applyTo(hint);
    }

    private void move(int delta) {
        int n = results.getItems().size();
        if (n == 0) return;
        int i = Math.max(0, Math.min(n - 1, results.getSelectionModel().getSelectedIndex() + delta));
        results.getSelectionModel().select(i);
        results.scrollTo(Math.max(0, i - 4));
    }

    private void runSelected() {
        Command c = results.getSelectionModel().getSelectedItem();
        if (c == null) return;
        if (!c.available()) {
            hint.setText(c.title() + ": " + c.unavailable());
            Tone.WARN.applyTo(hint);
            return;
        }
        overlay.hide();
        c.run();
    }

    private static final class Row extends ListCell<Command> {
        private final Label title = new Label();
        private final Label group = new Label();
        private final Label keys = new Label();
        private final HBox box = new HBox(10);

        Row(ListView<Command> list) {
            box.maxWidthProperty().bind(list.widthProperty().subtract(30));
            box.prefWidthProperty().bind(list.widthProperty().subtract(30));
            title.setMinWidth(0);
            keys.setMinWidth(Region.USE_PREF_SIZE);
            group.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            group.getStyleClass().add("palette-group");
            keys.getStyleClass().add("keycap");
            box.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().addAll(group, title, spacer, keys);
        }

        @Override
        protected void updateItem(Command c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            group.setText(c.group());
            title.setText(c.available() ? c.title() : c.title() + " (" + c.unavailable() + ")");
            keys.setText(c.keys());
            keys.setVisible(!c.keys().isEmpty());
            (c.available() ? Tone.NORMAL : Tone.MUTED).applyTo(title);
            setGraphic(box);
        }
    }
}

package io.drainboard.ui.command;

import io.drainboard.ui.common.Icons;
import io.drainboard.ui.model.TaskFilter;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code ?} overlay: every shortcut, from the same command list the palette runs, and the filter syntax. */
public final class HelpOverlay {
    private final Overlay overlay;
    private final Supplier<List<Command>> commands;
    private final VBox box = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(box);

    public HelpOverlay(Overlay overlay, Supplier<List<Command>> commands) {
        this.overlay = overlay;
        this.commands = commands;
        scroll.setId("help");
        scroll.getStyleClass().add("help");
        scroll.setFitToWidth(true);
        scroll.setMaxWidth(760);
        scroll.setMaxHeight(620);
        box.getStyleClass().add("help-box");
    }

    public void toggle() {
        if (isOpen()) {
            overlay.hide();
        } else {
            build();
            overlay.show(scroll, scroll, () -> { });
        }
    }

    public boolean isOpen() {
        return overlay.showing() && overlay.content() == scroll;
    }

    private void build() {
        box.getChildren().clear();
        Label title = new Label("Keyboard", new FontIcon(Icons.KEYBOARD));
        title.getStyleClass().add("section-title");
        box.getChildren().add(title);
        Map<String, List<Command>> byGroup = new LinkedHashMap<>();
        for (Command c : commands.get()) {
            if (!c.keys().isEmpty()) byGroup.computeIfAbsent(c.group(), g -> new java.util.ArrayList<>()).add(c);
        }
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(3);
        int row = 0;
        for (var e : byGroup.entrySet()) {
            Label g = new Label(e.getKey());
            g.getStyleClass().add("help-group");
            grid.add(g, 0, row++, 2, 1);
            for (Command c : e.getValue()) {
                Label keys = new Label(c.keys());
                keys.getStyleClass().add("keycap");
                keys.setMinWidth(Label.USE_PREF_SIZE);
                Label what = new Label(c.title() + (c.available() ? "" : " (" + c.unavailable() + ")"));
                grid.addRow(row++, keys, what);
            }
        }
        box.getChildren().add(grid);
        Label filter = new Label("Filter ( / )");
        filter.getStyleClass().add("help-group");
        Label syntax = new Label("""
                Words must all match. A bare word looks in every text column.
                column:text    e.g. service:support  rev:old  az:1a  status:stopping  prot:off
                column:>n      calls:>2  calls:0  oldest:>10m  kill:<60s  prot:<15m  (s, m or h)
                !term          negates: !prot:on  !az:1c
                Columns: %s. The filter stays in force across refreshes; Esc in the field clears it.""".formatted(TaskFilter.columnNames()));
        syntax.getStyleClass().add("help-syntax");
        syntax.setWrapText(true);
        box.getChildren().addAll(filter, syntax);
    }
}

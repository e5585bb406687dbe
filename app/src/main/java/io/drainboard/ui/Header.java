package io.drainboard.ui;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import io.drainboard.ui.model.TaskFilter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Consumer;

/**
 * The top bar: where the operator is (breadcrumb), the {@code /} filter with its result count and
 * problems, and buttons for the palette, help and theme (each also on a key).
 */
final class Header {
    private final HBox box = bar();
    private final Label where = new Label();
    private final CustomTextField filter = new CustomTextField();
    private final Label count = new Label();
    private final Label problems = new Label();

    /** The bar itself, empty: the opening shell shows it before the console view exists. */
    static HBox bar() {
        HBox bar = new HBox(10);
        bar.getStyleClass().add("header");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        return bar;
    }

    static Label appName() {
        Label app = new Label("Drainboard");
        app.getStyleClass().add("app-name");
        return app;
    }

    Header(Consumer<TaskFilter> onFilter, Runnable palette, Runnable help, Runnable theme, Runnable leaveFilter) {
        box.setId("header");
        Label app = appName();
        where.setId("breadcrumb");
        where.getStyleClass().add("breadcrumb");
        filter.setId("filter");
        filter.setLeft(new FontIcon(Icons.SEARCH));
        filter.setPromptText("/  filter   e.g. calls:>0 prot:off rev:old");
        filter.setPrefColumnCount(34);
        filter.textProperty().addListener((obs, o, q) -> {
            TaskFilter f = TaskFilter.parse(q);
            onFilter.accept(f);
            problems.setText(String.join("; ", f.problems()));
            problems.setVisible(!f.problems().isEmpty());
            problems.setManaged(!f.problems().isEmpty());
        });
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                if (!filter.getText().isEmpty()) filter.clear();
                else leaveFilter.run();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) {
                leaveFilter.run();
                e.consume();
            }
        });
        count.setId("filterCount");
        count.getStyleClass().add("filter-count");
        problems.setId("filterProblems");
        problems.setGraphic(new FontIcon(Icons.WARN));
        Tone.WARN.applyTo(problems);
        problems.setVisible(false);
        problems.setManaged(false);
        problems.setMaxWidth(420);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        box.getChildren().addAll(app, where, spacer, problems, filter, count,
                button(Icons.PALETTE, "Command palette (Ctrl+K or :)", "paletteButton", palette),
                button(Icons.KEYBOARD, "Keys and filter syntax (?)", "helpButton", help),
                button(Icons.THEME, "Light or dark theme (Ctrl+T)", "themeButton", theme));
    }

    Node node() {
        return box;
    }

    CustomTextField filterField() {
        return filter;
    }

    void where(String text) {
        where.setText(text);
    }

    void counts(int shown, int total) {
        count.setText(shown == total ? total + " tasks" : shown + " of " + total + " tasks");
    }

    private static Button button(String icon, String tip, String id, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}

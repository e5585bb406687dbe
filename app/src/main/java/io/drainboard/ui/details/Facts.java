package io.drainboard.ui.details;

import io.drainboard.ui.common.Look;
import io.drainboard.ui.common.Tone;
import io.drainboard.ui.common.WrappedLabel;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-column "name: value" grid, the shape of every details pane. It is re-filled on every refresh
 * but keeps its labels: {@link #begin}, then {@link #set} each row, then {@link #end}; only text changes
 * unless rows come or go, so a refresh costs a few setText calls, not new nodes and CSS.
 */
final class Facts {
    final GridPane grid = new GridPane();
    private final Map<String, Label[]> rows = new HashMap<>();
    private List<String> order = List.of();
    private final List<String> pass = new ArrayList<>();

    Facts() {
        grid.getStyleClass().add("facts");
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(96);
        names.setHalignment(HPos.LEFT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(names, values);
    }

    void begin() {
        pass.clear();
    }

    Label set(String name, String value) {
        return set(name, Look.plain(value));
    }

    Label set(String name, Look look) {
        Label v = rows.computeIfAbsent(name, n -> {
            Label k = new Label(n);
            k.getStyleClass().add("fact-name");
            GridPane.setValignment(k, VPos.TOP);
            Label l = new WrappedLabel();
            return new Label[]{k, l};
        })[1];
        show(v, look);
        pass.add(name);
        return v;
    }

    /** The value label of a row set in this pass (for ticking updates). */
    Label value(String name) {
        return rows.get(name)[1];
    }

    void end() {
        rows.keySet().retainAll(pass);
        if (pass.equals(order)) return;
        order = List.copyOf(pass);
        grid.getChildren().clear();
        for (int i = 0; i < order.size(); i++) {
            Label[] r = rows.get(order.get(i));
            grid.addRow(i, r[0], r[1]);
        }
    }

    void clear() {
        begin();
        end();
    }

    static void show(Label label, Look l) {
        if (!l.text().equals(label.getText())) label.setText(l.text());
        if (l.icon() == null) {
            label.setGraphic(null);
        } else if (label.getGraphic() instanceof FontIcon i) {
            if (!l.icon().equals(i.getIconLiteral())) i.setIconLiteral(l.icon());
        } else {
            label.setGraphic(icon(l.icon()));
        }
        l.tone().applyTo(label);
        if (l.tooltip() == null) {
            label.setTooltip(null);
        } else if (label.getTooltip() != null) {
            label.getTooltip().setText(l.tooltip());
        } else {
            label.setTooltip(new Tooltip(l.tooltip()));
        }
    }

    static FontIcon icon(String literal) {
        FontIcon i = new FontIcon(literal);
        i.getStyleClass().add("fact-icon");
        return i;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        Tone.MUTED.applyTo(l);
        l.getStyleClass().add("muted-text");
        return l;
    }
}

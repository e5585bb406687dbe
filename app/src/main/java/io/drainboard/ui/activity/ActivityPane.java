package io.drainboard.ui.activity;

import io.drainboard.ui.model.Activity;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.function.Consumer;

/** The activity area: what changed and what the console did, newest first; a task line selects its task. */
public final class ActivityPane {
    static final int KEEP = 500;
    private final ObservableList<Activity> items = FXCollections.observableArrayList();
    private final ListView<Activity> list = new ListView<>(items);
    private final VBox box = new VBox(2);

    public ActivityPane(Consumer<String> selectTask) {
        list.setId("activity");
        list.setCellFactory(v -> new Line(list));
        list.setPlaceholder(new Label("Nothing yet: changes and alerts appear here"));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) open(selectTask);
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) open(selectTask);
        });
        Label title = new Label("Activity", new FontIcon(Icons.ACTIVITY));
        title.getStyleClass().add("section-title");
        box.getChildren().addAll(title, list);
        box.getStyleClass().add("activity-pane");
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    }

    public Node node() {
        return box;
    }

    public void add(List<Activity> news) {
        if (news.isEmpty()) return;
        List<Activity> newestFirst = new java.util.ArrayList<>(news);
        java.util.Collections.reverse(newestFirst);
        items.addAll(0, newestFirst);
        if (items.size() > KEEP) items.remove(KEEP, items.size());
    }

    public List<Activity> items() {
        return List.copyOf(items);
    }

    private void open(Consumer<String> selectTask) {
        Activity a = list.getSelectionModel().getSelectedItem();
        if (a != null) a.taskArn().ifPresent(selectTask);
    }

    static Tone tone(Activity.Level l) {
        return switch (l) {
            case INFO -> Tone.NORMAL;
            case GOOD -> Tone.GOOD;
            case WARN -> Tone.WARN;
            case DANGER -> Tone.DANGER;
        };
    }

    static String icon(Activity.Level l) {
        return switch (l) {
            case INFO -> Icons.INFO;
            case GOOD -> Icons.OK;
            case WARN -> Icons.WARN;
            case DANGER -> Icons.DANGER;
        };
    }

    /** A line that wraps to the list's width: a Text with a wrapping width, not a Labeled that ellipsizes. */
    private static final class Line extends ListCell<Activity> {
        private final FontIcon icon = new FontIcon();
        private final Text text = new Text();
        private final HBox box = new HBox(6, icon, text);

        Line(ListView<Activity> list) {
            icon.getStyleClass().add("cell-icon");
            text.getStyleClass().add("activity-text");
            text.wrappingWidthProperty().bind(list.widthProperty().subtract(48));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(Activity a, boolean empty) {
            super.updateItem(a, empty);
            if (empty || a == null) {
                setGraphic(null);
                Tone.clear(this);
                return;
            }
            icon.setIconLiteral(icon(a.level()));
            text.setText(Formats.clock(a.at()) + "  " + a.text());
            tone(a.level()).applyTo(this);
            setGraphic(box);
        }
    }
}

package io.drainboard.ui;

import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the profile did not open, where the tasks would be: a title, one sentence with the fix, the command in
 * it one click from the clipboard, the details behind a button. Its width is bounded and its text wraps, so
 * no message, however long, can push the window's layout about.
 */
final class ProblemCard {
    private static final Pattern COMMAND = Pattern.compile("`([^`]+)`");
    private final VBox box = new VBox(10);
    private final Label title = new Label();
    private final Label advice = new Label();
    private final TextArea details = new TextArea();
    private final Button showDetails = new Button("Details");
    private final Button copy = new Button("Copy command", new FontIcon(Icons.COPY));
    private final Button retry = new Button("Try again", new FontIcon(Icons.REFRESH));
    private String command = "";

    ProblemCard(Runnable tryAgain) {
        box.setId("problemCard");
        box.getStyleClass().add("problem-card");
        box.setMaxWidth(640);
        box.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setPadding(new Insets(20));
        title.setId("problemTitle");
        title.getStyleClass().add("title-3");
        title.setGraphic(new FontIcon(Icons.DANGER));
        title.setWrapText(true);
        Tone.DANGER.applyTo(title);
        advice.setId("problemAdvice");
        advice.setWrapText(true);
        details.setId("problemDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(6);
        details.setVisible(false);
        details.setManaged(false);
        showDetails.setId("problemShowDetails");
        showDetails.setOnAction(e -> {
            boolean show = !details.isVisible();
            details.setVisible(show);
            details.setManaged(show);
            showDetails.setText(show ? "Hide details" : "Details");
        });
        copy.setId("problemCopy");
        copy.setOnAction(e -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, command)));
        retry.setId("problemRetry");
        retry.setOnAction(e -> tryAgain.run());
        HBox buttons = new HBox(8, copy, showDetails, retry);
        buttons.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().addAll(title, advice, buttons, details);
        StackPane.setAlignment(box, Pos.CENTER); // centred in the table area, never stretched to it
        StackPane.setMargin(box, new Insets(24));
        hide();
    }

    Node node() {
        return box;
    }

    void show(String titleText, String adviceText, String detailsText) {
        title.setText(titleText);
        advice.setText(adviceText);
        details.setText(detailsText);
        command = command(adviceText).orElse("");
        copy.setVisible(!command.isEmpty());
        copy.setManaged(!command.isEmpty());
        copy.setTooltip(command.isEmpty() ? null : new javafx.scene.control.Tooltip(command));
        details.setVisible(false);
        details.setManaged(false);
        showDetails.setText("Details");
        box.setVisible(true);
        box.setManaged(true);
    }

    void hide() {
        box.setVisible(false);
        box.setManaged(false);
    }

    boolean showing() {
        return box.isVisible();
    }

    /** The first command quoted in the sentence (`aws sso login --profile x`), the one to run first. */
    static Optional<String> command(String sentence) {
        Matcher m = COMMAND.matcher(sentence);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

package io.drainboard.ui.common;

import atlantafx.base.theme.Styles;
import io.drainboard.drain.ProtectionActions;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one confirmation every mutating action goes through: what will happen to which tasks, a reason or
 * ticket (stored in the audit log), the protection expiry when it applies, and on a production profile
 * the service name typed out before a drain, a force or a rollout can be confirmed (docs/operating.md, Confirmations).
 * It never blocks: {@code onConfirm} runs on the FX thread when the operator confirms, and nothing
 * happens on cancel or Esc.
 */
public final class ConfirmDialog {
    /**
     * @param title          "Protect 3 tasks?"
     * @param what           what will happen, in the operator's words
     * @param targets        one line per task or service affected
     * @param amount         a number to ask for (the protection expiry, how many tasks to remove); empty when none
     * @param typeToConfirm  the service name the operator must type (production profiles, dangerous actions)
     * @param danger         the confirm button is red (force, drains that may cut calls)
     */
    public record Request(String title, String what, List<String> targets, Optional<Amount> amount,
                          Optional<String> typeToConfirm, String confirmText, boolean danger) {
        public Request {
            targets = List.copyOf(targets);
        }
    }

    /** A number the operator sets in the dialog: what it is, its bounds and its starting value. */
    public record Amount(String label, int min, int max, int initial) {
        /** The protection expiry ECS accepts (1–2880 minutes). */
        public static Amount expiryMinutes(int initial) {
            return new Amount("Protection expires in (minutes, 1–2880)", ProtectionActions.MIN_MINUTES,
                    ProtectionActions.MAX_MINUTES, initial);
        }
    }

    /** What the operator confirmed: the reason (may be empty) and the amount when one was asked (else 0). */
    public record Confirmed(String reason, int amount) {
    }

    private final Stage stage = new Stage();
    private final TextField reason = new TextField();
    private final TextField typed = new TextField();
    private final Button confirm = new Button();
    private Spinner<Integer> amount;

    private ConfirmDialog(Window owner, Request r, Consumer<Confirmed> onConfirm) {
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(r.title());
        Label title = new Label(r.title());
        title.setId("confirmTitle");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true); // a scaling fix's title names its finding and the service: two lines, not "…"
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label what = new Label(r.what());
        what.setId("confirmWhat");
        what.setWrapText(true);
        ListView<String> targets = new ListView<>();
        targets.setId("confirmTargets");
        targets.getItems().setAll(r.targets());
        targets.setCellFactory(l -> new WrappingCell()); // a long target line wraps: no fixed cell height
        targets.setPrefHeight(Math.min(8, Math.max(1, r.targets().size())) * 28 + 14);
        VBox box = new VBox(10, title, what);
        // A line of the request that starts with ⚠ is a reason the action cannot do what it says: said apart, loud.
        List<String> warnings = r.what().lines().filter(l -> l.startsWith("⚠")).toList();
        if (!warnings.isEmpty()) {
            what.setText(r.what().lines().filter(l -> !l.startsWith("⚠")).collect(java.util.stream.Collectors.joining("\n")));
            Label warn = new Label(String.join("\n", warnings));
            warn.setId("confirmWarning");
            warn.setWrapText(true);
            warn.getStyleClass().add(Styles.DANGER);
            box.getChildren().add(warn);
        }
        box.getChildren().add(targets);
        if (r.amount().isPresent()) {
            Amount a = r.amount().get();
            amount = new Spinner<>(a.min(), a.max(), a.initial());
            amount.setId("confirmAmount");
            amount.setEditable(true);
            box.getChildren().add(new HBox(8, new Label(a.label()), amount));
        }
        reason.setId("confirmReason");
        reason.setPromptText("Reason or ticket, e.g. INC-1234 (stored in the audit log)");
        box.getChildren().addAll(new Label("Reason or ticket"), reason);
        BooleanBinding typedOk = Bindings.createBooleanBinding(() -> true);
        if (r.typeToConfirm().isPresent()) {
            String name = r.typeToConfirm().get();
            Label ask = new Label("Production profile: type the service name " + name + " to confirm");
            ask.setId("confirmTypePrompt");
            ask.setWrapText(true);
            ask.getStyleClass().add(Styles.DANGER);
            typed.setId("confirmTyped");
            typed.setPromptText(name);
            typedOk = Bindings.createBooleanBinding(() -> typed.getText().trim().equals(name), typed.textProperty());
            box.getChildren().addAll(ask, typed);
        }
        Button cancel = new Button("Cancel");
        cancel.setId("confirmCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        confirm.setId("confirmButton");
        confirm.setText(r.confirmText());
        confirm.setDefaultButton(true);
        confirm.getStyleClass().add(r.danger() ? Styles.DANGER : Styles.ACCENT);
        confirm.disableProperty().bind(typedOk.not());
        confirm.setOnAction(e -> {
            if (confirm.isDisabled()) return;
            int m = amount == null ? 0 : amount.getValue();
            stage.close();
            onConfirm.accept(new Confirmed(reason.getText().trim(), m));
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, cancel, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        box.getChildren().add(buttons);
        box.setPadding(new Insets(16));
        box.setPrefWidth(560);
        box.getStyleClass().add("confirm-dialog");
        Scene scene = new Scene(box);
        if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) stage.close();
        });
        stage.setScene(scene);
    }

    /** Shows the dialog (FX thread) and returns at once; {@code onConfirm} runs if the operator confirms. */
    public static ConfirmDialog ask(Window owner, Request r, Consumer<Confirmed> onConfirm) {
        ConfirmDialog d = new ConfirmDialog(owner, r, onConfirm);
        d.stage.show();
        (r.typeToConfirm().isPresent() ? d.typed : d.reason).requestFocus();
        return d;
    }

    public Stage stage() {
        return stage;
    }
}

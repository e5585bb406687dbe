package io.drainboard.ui.actions;

import atlantafx.base.theme.Styles;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions' buttons (task details, service pane) and the task table's context menu. A disabled
 * control shows no tooltip, so the reason an action is unavailable is written beside the buttons
 * ("read-only profile: …") and into the menu items' text.
 */
public final class ActionControls {
    private final OperatorActions actions;
    private final Map<TaskAction, Button> taskButtons = new EnumMap<>(TaskAction.class);
    private final Map<TaskAction, MenuItem> menuItems = new EnumMap<>(TaskAction.class);
    private final Label taskWhy = new Label();
    private final Button guard = small("Guard mode", "guardButton");
    private final Button scaleIn = small("Scale in…", "scaleInButton");
    private final Button rollout = small("Roll out…", "rolloutButton");
    private final Button timeline = small("Timeline", "timelineButton");
    private final Button audit = small("Audit log", "auditButton");
    private final Label serviceWhy = new Label();
    private final ContextMenu menu = new ContextMenu();

    ActionControls(OperatorActions actions) {
        this.actions = actions;
        for (TaskAction a : TaskAction.values()) {
            Button b = small(a == TaskAction.FORCE ? "Force" : a == TaskAction.CANCEL ? "Cancel drain" : a.title, a.buttonId);
            b.setOnAction(e -> actions.ask(a));
            taskButtons.put(a, b);
            MenuItem m = new MenuItem(a.title);
            m.setId("menu-" + a.name().toLowerCase());
            m.setOnAction(e -> actions.ask(a));
            menuItems.put(a, m);
            if (a == TaskAction.DRAIN) menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().add(m);
        }
        menu.setOnShowing(e -> update());
        taskWhy.setId("actionsWhy");
        taskWhy.setWrapText(true);
        taskWhy.getStyleClass().add("pane-subtitle");
        serviceWhy.setId("serviceActionsWhy");
        serviceWhy.setWrapText(true);
        serviceWhy.getStyleClass().add("pane-subtitle");
        guard.setOnAction(e -> actions.toggleGuard());
        scaleIn.setOnAction(e -> actions.askScaleIn());
        rollout.setOnAction(e -> actions.openRollout());
        timeline.setOnAction(e -> actions.openTimeline());
        audit.setOnAction(e -> actions.openAudit());
    }

    /** Protect, extend, release, drain, force, cancel for the selected tasks, and why not when they cannot run. */
    public Node taskButtons() {
        FlowPane buttons = new FlowPane(6, 4);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.getChildren().addAll(taskButtons.values());
        return new VBox(4, buttons, taskWhy);
    }

    /** Guard mode, safe scale-in, rollout, timeline and audit for the service in view. */
    public Node serviceButtons() {
        FlowPane buttons = new FlowPane(6, 4, guard, scaleIn, rollout, timeline, audit);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, buttons, serviceWhy);
    }

    public ContextMenu contextMenu() {
        return menu;
    }

    /** Enables what can run on the current selection and place, and says why the rest cannot. */
    public void update() {
        Rails rails = actions.rails();
        List<TaskRow> sel = actions.context().selected();
        for (TaskAction a : TaskAction.values()) {
            Optional<String> why = a.whyNot(rails, sel);
            int n = a.targets(sel).size();
            taskButtons.get(a).setDisable(why.isPresent());
            // Red only when it can cut calls now: a disabled red button reads as an alarm at 3 a.m.
            if (a == TaskAction.FORCE) {
                taskButtons.get(a).getStyleClass().remove(Styles.DANGER);
                if (why.isEmpty()) taskButtons.get(a).getStyleClass().add(Styles.DANGER);
            }
            menuItems.get(a).setDisable(why.isPresent());
            menuItems.get(a).setText(a.title + (why.isPresent() ? "  (" + why.get() + ")" : n > 1 ? "  (" + n + " tasks)" : ""));
        }
        // The read-only reason is the one worth a line of its own: it holds for every action.
        taskWhy.setText(rails.refusal().orElse(""));
        taskWhy.setVisible(rails.refusal().isPresent() && rails != Rails.CLOSED);
        taskWhy.setManaged(taskWhy.isVisible());
        Optional<String> svcWhy = actions.serviceWhyNot();
        Optional<Place> svc = actions.service();
        guard.setDisable(svcWhy.isPresent());
        rollout.setDisable(svcWhy.isPresent());
        scaleIn.setDisable(svcWhy.isPresent());
        guard.setText(svc.isPresent() && actions.guardOn(svc.get()) ? "Guard mode off" : "Guard mode on");
        Optional<String> histWhy = actions.timelineWhyNot();
        timeline.setDisable(histWhy.isPresent());
        audit.setDisable(rails == Rails.CLOSED);
        String why = svcWhy.filter(w -> rails.refusal().isPresent()).orElse("")
                + histWhy.filter(w -> rails != Rails.CLOSED).map(w -> (svcWhy.isPresent() && rails.refusal().isPresent() ? "\n" : "")
                + "Timeline unavailable: " + w).orElse("");
        serviceWhy.setText(why);
        serviceWhy.setVisible(!why.isEmpty());
        serviceWhy.setManaged(!why.isEmpty());
    }

    private static Button small(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        return b;
    }
}

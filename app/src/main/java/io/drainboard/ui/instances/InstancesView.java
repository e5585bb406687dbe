package io.drainboard.ui.instances;

import io.drainboard.ui.model.ServiceClocks;
import io.drainboard.drain.CapacityActions;
import io.drainboard.drain.InstanceDrainStatus;
import io.drainboard.drain.ReadOnlyException;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.InstanceSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.actions.ActionRunner;
import io.drainboard.ui.common.ConfirmDialog;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.YieldingColumns;
import io.drainboard.ui.common.Tone;
import io.drainboard.ui.nav.Place;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The EC2 capacity of the selected cluster: each container instance with its Auto Scaling group, zone, ECS
 * status, agent, tasks, calls, scale-in protection (with a confirmed, audited toggle) and lifecycle hooks;
 * instance drain and instance guard; and each EC2 service's clocks. Actions run off the FX thread.
 */
public final class InstancesView {
    private final Supplier<Optional<CapacityActions>> capacity;
    private final Supplier<Profile> profile;
    private final BiConsumer<Activity.Level, String> note;
    private final Runnable refreshNow;
    private final TableView<InstanceSnapshot> table = new TableView<>();
    private final Label title = new Label("Instances");
    private final Label empty = new Label();
    private final Button drain = new Button("Drain instance…");
    private final Button guard = new Button("Instance guard…");
    private final VBox clocks = new VBox(8);
    private final Label drainLine = new Label();
    private final VBox box;
    /** Engine calls off the FX thread, results as notes, then a refresh: the one runner the task actions use. */
    private final ActionRunner runner;
    private String cluster;
    private FleetSnapshot latest;

    public InstancesView(Supplier<Optional<CapacityActions>> capacity, Supplier<Profile> profile,
                         BiConsumer<Activity.Level, String> note, Runnable refreshNow) {
        this.capacity = capacity;
        this.profile = profile;
        this.note = note;
        this.refreshNow = refreshNow;
        this.runner = new ActionRunner(note::accept, () -> {
            refreshNow.run();
            if (latest != null && cluster != null) table.refresh();
        });
        table.setId("instanceTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                text("col-instance", "Instance", InstanceSnapshot::ec2InstanceId),
                text("col-asg", "Auto Scaling group", i -> i.autoScalingGroup().orElse("— none")),
                text("col-az", "AZ", InstanceSnapshot::availabilityZone),
                text("col-status", "Status", this::statusText),
                text("col-agent", "Agent", i -> i.agentConnected() ? "connected" : "DISCONNECTED"),
                text("col-tasks", "Tasks", i -> Integer.toString(i.runningTasks())),
                text("col-calls", "Calls", i -> i.callsKnown() ? Integer.toString(i.calls()) : "? unknown"),
                protection(),
                text("col-hooks", "Lifecycle hooks", InstancesView::hooksText)));
        // The hooks are the group's, the same on every row, and the clocks below the table say what each one
        // means for the calls; their column is in the table's menu, so that at 1280×800 the rest fits uncut.
        table.getColumns().get(table.getColumns().size() - 1).setVisible(false);
        table.setTableMenuButtonVisible(true);
        watchMenu();
        fitColumns();
        // A narrower window: the flexible last column gives back what it took, each column keeps its words.
        table.widthProperty().addListener((obs, was, now) -> fitColumns());
        title.getStyleClass().add("pane-title");
        title.setId("instancesTitle");
        drain.setId("drainInstance");
        guard.setId("instanceGuard");
        drain.setOnAction(e -> askDrain());
        guard.setOnAction(e -> askGuard());
        drain.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        empty.getStyleClass().add("muted-text");
        clocks.setId("instanceClocks");
        HBox bar = new HBox(8, title, drain, guard);
        VBox.setVgrow(table, Priority.ALWAYS);
        drainLine.setId("instanceDrainLine");
        drainLine.setWrapText(true);
        drainLine.setMinHeight(Label.USE_PREF_SIZE);
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> showDrain());
        box = new VBox(8, bar, empty, table, drainLine, clocks);
        box.setId("instancesView");
        box.getStyleClass().addAll("details-pane", "instances-view");
        box.setVisible(false);
    }

    public Node node() {
        return box;
    }

    public boolean showing() {
        return box.isVisible();
    }

    public void setShowing(boolean on) {
        box.setVisible(on);
    }

    /** Selects an instance by ARN (keeps nothing selected if it is not shown). */
    public void select(String arn) {
        table.getItems().stream().filter(i -> i.arn().equals(arn)).findFirst().ifPresent(i -> table.getSelectionModel().select(i));
    }

    /** Shows the place's cluster (the first cluster at fleet level) from a snapshot. */
    public void show(Place place, FleetSnapshot s) {
        latest = s;
        Optional<ClusterSnapshot> c = s.clusters().stream()
                .filter(x -> place.cluster() == null ? !x.instances().isEmpty() : place.holdsCluster(x.name(), x.arn())).findFirst();
        cluster = c.map(ClusterSnapshot::name).orElse(null);
        String selected = Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(InstanceSnapshot::arn).orElse(null);
        List<InstanceSnapshot> rows = c.map(ClusterSnapshot::instances).orElse(List.of());
        table.getItems().setAll(rows);
        fitColumns();
        refitAfterLayout(); // the first time, the cells' font is known only once they are laid out
        if (selected != null) rows.stream().filter(i -> i.arn().equals(selected)).findFirst()
                .ifPresent(i -> table.getSelectionModel().select(i));
        int calls = rows.stream().mapToInt(InstanceSnapshot::calls).sum();
        long prot = rows.stream().filter(InstanceSnapshot::protectedNow).count();
        title.setText(cluster == null ? "Instances" : "Instances of " + cluster + " · " + Formats.count(rows.size(), "instance")
                + " · " + Formats.count(calls, "call") + " · " + prot + " protected from scale in"
                + guardText() + waitingScaleIn(rows));
        empty.setText(rows.isEmpty() ? "No EC2 container instances here (Fargate only, or no EC2 tasks running)." : "");
        empty.setManaged(rows.isEmpty());
        showClocks(c, s);
        showDrain();
    }

    /** The selected instance's drain: phase, why it waits, its tasks' drains and alarms (as for task drains). */
    private void showDrain() {
        InstanceSnapshot i = table.getSelectionModel().getSelectedItem();
        Optional<InstanceDrainStatus> d = i == null ? Optional.empty() : capacity.get().flatMap(a -> a.drainStatus(i.arn()));
        drainLine.setText(d.map(st -> "Drain of " + st.ec2InstanceId() + ": " + st.phase().name().toLowerCase().replace('_', ' ')
                + " — " + st.reason() + (st.tasks().isEmpty() ? "" : " · tasks: " + String.join(", ", st.tasks().stream()
                .map(t -> t.taskId().substring(0, Math.min(8, t.taskId().length())) + " " + t.phase().name().toLowerCase()
                        .replace('_', ' ')).toList())) + (st.alarms().isEmpty() ? "" : " · ALARM: " + String.join("; ", st.alarms())))
                .orElse(""));
        (d.map(st -> !st.alarms().isEmpty()).orElse(false) ? Tone.WARN : Tone.NORMAL).applyTo(drainLine);
        drainLine.setManaged(d.isPresent());
        drainLine.setVisible(d.isPresent());
    }

    /** A group whose desired capacity is below its in-service instances is waiting to scale in: say so. */
    private static String waitingScaleIn(List<InstanceSnapshot> rows) {
        java.util.Map<String, long[]> groups = new java.util.TreeMap<>();
        for (InstanceSnapshot i : rows) {
            if (i.autoScalingGroup().isEmpty() || i.groupDesiredCapacity().isEmpty()) continue;
            long[] g = groups.computeIfAbsent(i.autoScalingGroup().get(), k -> new long[]{0, i.groupDesiredCapacity().get()});
            if (i.lifecycleState().map("InService"::equals).orElse(false)) g[0]++;
        }
        StringBuilder out = new StringBuilder();
        groups.forEach((name, g) -> {
            if (g[1] < g[0]) out.append(" · ").append(name).append(" waits to scale in ").append(g[0]).append(" → ")
                    .append(g[1]).append(" (protected instances stay; drain some to let it)");
        });
        return out.toString();
    }

    private String guardText() {
        return capacity.get().flatMap(a -> a.guardStatus(cluster)).filter(g -> g.enabled())
                .map(g -> " · instance guard ON" + g.lastError().map(e -> " (error: " + e + ")").orElse(""))
                .orElse(" · instance guard off");
    }

    private void showClocks(Optional<ClusterSnapshot> c, FleetSnapshot s) {
        clocks.getChildren().clear();
        Profile p = profile.get();
        if (c.isEmpty() || p == null) return;
        for (ServiceSnapshot svc : c.get().services()) {
            if (!"EC2".equals(svc.launchType())) continue;
            clocks.getChildren().add(ClocksView.of(svc.name(), ServiceClocks.of(svc, s,
                    p.forService(svc.clusterName(), svc.name()))));
        }
    }

    private String statusText(InstanceSnapshot i) {
        String drainText = capacity.get().flatMap(a -> a.drainStatus(i.arn()))
                .map(d -> " · drain " + d.phase().name().toLowerCase().replace('_', ' ')).orElse("");
        return i.status() + i.lifecycleState().filter(l -> !"InService".equals(l)).map(l -> " · " + l).orElse("") + drainText;
    }

    private static String hooksText(InstanceSnapshot i) {
        if (i.autoScalingGroup().isEmpty()) return "—";
        if (i.hooks().isEmpty()) return "none (scale-in terminates at once)";
        return String.join("; ", i.hooks().stream().map(h -> h.name() + (h.onTermination() ? "" : " (on launch)")
                + ": heartbeat " + Formats.setting(h.heartbeatTimeout()) + ", at most " + Formats.setting(h.globalTimeout())
                + " → " + h.defaultResult()).toList());
    }

    /**
     * Each column as wide as its title or its widest cell, whichever is wider, and never narrower (the last visible
     * column takes what is left): nothing is cut to "…". Measured in the table's font once it has one.
     */
    private void fitColumns() {
        Font cellFont = Optional.ofNullable(table.lookup(".table-cell")).filter(n -> n instanceof TableCell<?, ?>)
                .map(n -> ((TableCell<?, ?>) n).getFont()).orElse(Font.getDefault());
        Font titleFont = Optional.ofNullable(table.lookup(".column-header .label")).filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getFont()).orElse(cellFont);
        for (TableColumn<InstanceSnapshot, ?> c : table.getColumns()) {
            double w = width(titleFont, c.getText()) + 30; // room for the sort arrow
            if (c.getId().equals("col-instance-protection")) {
                w = Math.max(w, width(cellFont, "unprotected") + width(cellFont, "Release…") + 48); // label, gap, button
            } else {
                for (InstanceSnapshot i : table.getItems()) {
                    Object v = c.getCellData(i);
                    w = Math.max(w, width(cellFont, v == null ? "" : v.toString()) + 18);
                }
            }
            c.setMinWidth(Math.ceil(w));
            c.setPrefWidth(Math.ceil(w));
        }
        makeRoom();
    }

    /** What may make room, first to go first: the group, the zone and the agent say least about the calls. */
    private static final List<String> YIELDING = List.of("col-asg", "col-az", "col-agent", "col-tasks");
    private YieldingColumns<InstanceSnapshot> yielding;

    /**
     * When the columns are wider than the table (a draining instance's status at 1280×800), the optional ones make
     * room rather than pushing Calls and the protection toggle behind a sideways scroll.
     */
    private void makeRoom() {
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - 16; // a vertical bar
        if (room <= 0) return;
        yielding.bringBack();
        yielding.makeRoom(room);
    }

    private void watchMenu() {
        yielding = new YieldingColumns<>(table, YIELDING);
    }

    private void refitAfterLayout() {
        javafx.scene.Scene scene = table.getScene();
        if (scene == null || table.lookup(".table-cell") != null) return;
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                fitColumns();
            }
        });
    }

    private static double width(Font font, String text) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private static TableColumn<InstanceSnapshot, String> text(String id, String name, Function<InstanceSnapshot, String> f) {
        TableColumn<InstanceSnapshot, String> c = new TableColumn<>(name);
        c.setId(id);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        return c;
    }

    /** "protected" / "not protected" / "unknown" in words, toned, with the confirmed toggle next to it. */
    private TableColumn<InstanceSnapshot, InstanceSnapshot> protection() {
        TableColumn<InstanceSnapshot, InstanceSnapshot> c = new TableColumn<>("Scale-in protection");
        c.setId("col-instance-protection");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label state = new Label();
            private final Button toggle = new Button();
            private final HBox cell = new HBox(6, state, toggle);

            {
                toggle.getStyleClass().add("protect-toggle");
                state.setMinWidth(Label.USE_PREF_SIZE);
                toggle.setMinWidth(Button.USE_PREF_SIZE);
                cell.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(InstanceSnapshot i, boolean emptyRow) {
                super.updateItem(i, emptyRow);
                if (emptyRow || i == null) {
                    setGraphic(null);
                    return;
                }
                boolean on = i.protectedNow();
                state.setText(i.scaleInProtected().isEmpty() ? "? unknown" : on ? "protected" : "unprotected");
                (i.scaleInProtected().isEmpty() ? Tone.WARN : on ? Tone.GOOD : i.calls() > 0 ? Tone.DANGER : Tone.NORMAL)
                        .applyTo(state);
                toggle.setText(on ? "Release…" : "Protect…");
                toggle.setId("protectToggle-" + i.ec2InstanceId());
                boolean readOnly = capacity.get().map(CapacityActions::readOnly).orElse(true);
                toggle.setDisable(readOnly || i.autoScalingGroup().isEmpty());
                toggle.setOnAction(e -> askProtection(i, !on));
                setGraphic(cell);
            }
        });
        return c;
    }

    private void askProtection(InstanceSnapshot i, boolean on) {
        String detail = on ? "EC2 Auto Scaling will not choose " + i.ec2InstanceId() + " when " + i.autoScalingGroup().orElse("")
                + " scales in (SetInstanceProtection). Audited."
                : i.ec2InstanceId() + " hosts " + Formats.count(i.calls(), "call") + ". Released, a scale-in of "
                + i.autoScalingGroup().orElse("") + " may terminate it and cut them" + (i.calls() > 0 ? " — drain it first." : ".")
                + " Audited.";
        confirm((on ? "Protect " : "Release ") + i.ec2InstanceId() + " from scale-in?", detail, List.of(line(i)),
                on ? "Protect" : "Release", Optional.empty(), !on && i.calls() > 0, ok -> run(a -> a.setProtection(i, on, ok.reason())
                        .map(err -> "Instance protection of " + i.ec2InstanceId() + " failed: " + err)
                        .orElse((on ? "Protected " : "Released ") + i.ec2InstanceId() + " from scale-in")));
    }

    private void askDrain() {
        InstanceSnapshot i = table.getSelectionModel().getSelectedItem();
        if (i == null) return;
        Profile p = profile.get();
        confirm("Drain " + i.ec2InstanceId() + " safely?", "Keeps it protected from scale-in, drains each of its "
                        + Formats.count(i.taskArns().size(), "task") + " (" + Formats.count(i.calls(), "call")
                        + ") like a task drain, sets it DRAINING only when no call is left, then releases it to its group.",
                List.of(line(i)), "Drain", p != null && p.production() ? Optional.of(i.ec2InstanceId()) : Optional.empty(), false,
                ok -> run(a -> {
                    InstanceDrainStatus st = a.drain(i, ok.reason());
                    return "Instance drain of " + i.ec2InstanceId() + ": " + st.reason();
                }));
    }

    private void askGuard() {
        if (cluster == null) return;
        boolean on = capacity.get().flatMap(a -> a.guardStatus(cluster)).map(g -> !g.enabled()).orElse(true);
        String c = cluster;
        confirm((on ? "Turn on" : "Turn off") + " the instance guard for " + c + "?", on
                        ? "Instances hosting calls are kept protected from scale-in; idle ones are released when their group is"
                        + " waiting to scale in. Audited."
                        : "Instances keep the protection they have now.", List.of("cluster " + c), on ? "Turn on" : "Turn off",
                Optional.empty(), false, ok -> run(a -> {
                    a.guard(c, on, ok.reason());
                    return "Instance guard " + (on ? "on" : "off") + " for " + c;
                }));
    }

    /** The console's one confirmation dialog (what, targets, reason for the audit, typed name on production). */
    private void confirm(String title, String what, List<String> targets, String confirmText, Optional<String> typeToConfirm,
                         boolean danger, java.util.function.Consumer<ConfirmDialog.Confirmed> onConfirm) {
        ConfirmDialog.ask(table.getScene() == null ? null : table.getScene().getWindow(), new ConfirmDialog.Request(title, what,
                targets, Optional.empty(), typeToConfirm, confirmText, danger), onConfirm);
    }

    private static String line(InstanceSnapshot i) {
        return i.ec2InstanceId() + "   " + i.autoScalingGroup().orElse("no Auto Scaling group") + "   "
                + Formats.count(i.taskArns().size(), "task") + "   " + Formats.count(i.calls(), "call");
    }

    /** Runs an action off the FX thread, then says what happened and refreshes. */
    private void run(Function<CapacityActions, String> action) {
        Optional<CapacityActions> a = capacity.get();
        if (a.isEmpty()) {
            note.accept(Activity.Level.WARN, "No profile open yet");
            return;
        }
        runner.run("Instance action", () -> {
            try {
                String text = action.apply(a.get());
                return new ActionRunner.Outcome(text.contains("failed") ? Activity.Level.DANGER : Activity.Level.GOOD, text);
            } catch (ReadOnlyException e) {
                return new ActionRunner.Outcome(Activity.Level.WARN, e.getMessage());
            }
        });
    }
}

package io.drainboard.ui;

import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.ui.activity.Activity;
import io.drainboard.ui.activity.ActivityPane;
import io.drainboard.ui.activity.Toasts;
import io.drainboard.ui.chart.CallsChart;
import io.drainboard.ui.chart.CallsHistory;
import io.drainboard.ui.command.CommandPalette;
import io.drainboard.ui.command.HelpOverlay;
import io.drainboard.ui.command.Overlay;
import io.drainboard.ui.common.Ticker;
import io.drainboard.ui.details.ConsoleLinks;
import io.drainboard.ui.details.Readiness;
import io.drainboard.ui.details.ServicePane;
import io.drainboard.ui.details.TaskDetails;
import io.drainboard.ui.instances.InstancesView;
import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.PendingRows;
import io.drainboard.ui.tasks.TaskRow;
import io.drainboard.ui.tasks.TaskTable;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the operator sees, wired together: navigation, task table, service and task panes, calls
 * chart, activity, status bar, palette and help. It knows nothing about where snapshots come from: the
 * window (a real profile) or the benchmark (synthetic fleets) feeds it digests.
 */
final class ConsoleView {
    /** What the view asks of its window. */
    interface Actions {
        void refreshNow();

        void openProfile(Path profile);

        void browse(String url);

        void quit();

        /** EC2 capacity actions of the open console, if any. */
        default java.util.Optional<io.drainboard.drain.CapacityActions> capacity() {
            return java.util.Optional.empty();
        }
    }

    final Actions actions;
    final FleetTree tree;
    final TaskTable table = new TaskTable();
    final ServicePane servicePane = new ServicePane();
    final TaskDetails details;
    final CallsHistory history = new CallsHistory();
    final CallsChart chart = new CallsChart();
    final ActivityPane activity;
    final Toasts toasts = new Toasts();
    final StatusLine status = new StatusLine();
    final Overlay overlay = new Overlay();
    final CommandPalette palette;
    final HelpOverlay help;
    final Header header;
    final InstancesView instances;
    private final StackPane root;
    private final ConsoleCommands commands;
    private Profile profile;
    private Digester digester;
    private Digest latest;

    ConsoleView(Actions actions) {
        this.actions = actions;
        tree = new FleetTree(actions::openProfile);
        details = new TaskDetails(this::copyArn, this::openInConsole);
        activity = new ActivityPane(this::selectTask);
        instances = new InstancesView(overlay, actions::capacity, () -> profile, this::note, this::refreshNow);
        commands = new ConsoleCommands(this);
        palette = new CommandPalette(overlay, commands::all);
        help = new HelpOverlay(overlay, commands::keyed);
        header = new Header(table::setFilter, palette::open, help::toggle, this::toggleTheme, this::focusTable);

        tree.place().addListener((obs, o, p) -> placeChanged(p));
        table.selectedRow().addListener((obs, o, r) -> showDetails());
        table.shownCount().addListener((obs, o, n) -> header.counts(n.intValue(), table.totalCount().get()));
        table.totalCount().addListener((obs, o, n) -> header.counts(table.shownCount().get(), n.intValue()));

        SplitPane left = new SplitPane(tree.view(), activity.node());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.58);
        SplitPane bottom = new SplitPane(servicePane.node(), details.node(), chart.node());
        bottom.setDividerPositions(0.36, 0.70);
        SplitPane right = new SplitPane(new StackPane(table.view(), instances.node()), bottom);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.56);
        SplitPane main = new SplitPane(left, right);
        main.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(left, false);
        BorderPane frame = new BorderPane(main);
        frame.setTop(header.node());
        frame.setBottom(status.node());
        // Bottom right, over the chart: never over the table or the details an operator is reading.
        StackPane.setAlignment(toasts.node(), Pos.BOTTOM_RIGHT);
        StackPane.setMargin(toasts.node(), new Insets(0, 16, 40, 0));
        root = new StackPane(frame, toasts.node(), overlay.node());
        root.getStyleClass().add("console-root");
        placeChanged(Place.FLEET);
    }

    Parent root() {
        return root;
    }

    void install(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(
                ConsoleView.class.getResource("/css/drainboard.css")).toExternalForm());
        commands.keys().install(scene);
    }

    // ---- profile lifecycle (called by the window) ----

    void opening(Path file, List<Path> otherProfiles) {
        profile = null;
        latest = null;
        status.connecting(file.getFileName().toString());
        tree.showProfiles(file, file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), otherProfiles);
        table.apply(new PendingRows.Batch(List.of(), java.util.Set.of(), true));
    }

    /** A bridge that feeds this view from a profile's refresher. */
    SnapshotBridge opened(Profile p) {
        profile = p;
        status.profile(p);
        tree.named(p.name());
        digester = new Digester(history, svc -> p.forService(svc.clusterName(), svc.name()));
        return new SnapshotBridge(digester, this::apply, this::refreshFailed);
    }

    Profile profile() {
        return profile;
    }

    FleetSnapshot latest() {
        return latest == null ? null : latest.snapshot();
    }

    void refreshFailed(String message) {
        status.refreshFailed(message);
        record(List.of(Activity.of(Ticker.instant(), Activity.Level.DANGER, message)));
    }

    void fatal(String title, String details) {
        status.fatal(title, details);
        record(List.of(Activity.of(Ticker.instant(), Activity.Level.DANGER, title + ": " + details.replace('\n', ' '))));
    }

    // ---- one refresh ----

    void apply(SnapshotBridge.Update u) {
        Digest d = u.latest();
        List<Activity> news = u.activities();
        latest = d;
        FleetSnapshot s = d.snapshot();
        Ticker.tick(); // clocks, filters and countdowns read the same "now" as this refresh
        tree.apply(s, svc -> Readiness.serious(d.readiness().getOrDefault(svc.key(), List.of())));
        table.apply(u.rows());
        status.apply(s);
        servicePane.show(tree.place().get(), s, d.readiness(), this::policy);
        instances.show(tree.place().get(), s);
        showDetails();
        showChart();
        record(news);
    }

    private void record(List<Activity> news) {
        activity.add(news);
        news.stream().filter(a -> a.level() == Activity.Level.DANGER).limit(2)
                .forEach(a -> toasts.show(a.level(), a.text(), Duration.seconds(8)));
    }

    private void placeChanged(Place p) {
        header.where(p.label());
        table.setScope(r -> p.contains(r.cluster, r.service), p.isService());
        if (latest != null) servicePane.show(p, latest.snapshot(), latest.readiness(), this::policy);
        if (latest != null) instances.show(p, latest.snapshot());
        showChart();
    }

    private void showDetails() {
        TaskRow r = table.selectedRow().get();
        if (latest == null) return;
        ServiceSnapshot svc = r == null ? null : latest.snapshot().service(r.cluster, r.service).orElse(null);
        details.show(r, latest.snapshot(), svc == null ? defaultCurve() : digester.curve(svc));
        showChart();
    }

    private void showChart() {
        if (latest == null) return;
        FleetSnapshot s = latest.snapshot();
        Place p = tree.place().get();
        List<CallsChart.Line> lines = new ArrayList<>();
        s.services().filter(svc -> p.contains(svc.clusterName(), svc.name())).limit(8).forEach(svc ->
                lines.add(new CallsChart.Line(p.cluster() == null ? svc.key() : svc.name(), CallsHistory.serviceKey(svc.key()))));
        TaskRow r = table.selectedRow().get();
        if (r != null && p.isService()) lines.add(new CallsChart.Line("task " + r.shortId(), CallsHistory.taskKey(r.arn)));
        chart.show(p.label(), lines, history, s.takenAt());
    }

    private Profile.ServicePolicy policy(ServiceSnapshot svc) {
        return profile.forService(svc.clusterName(), svc.name());
    }

    private static CallSurvival defaultCurve() {
        Profile.CallPrior p = Profile.CallPrior.DEFAULT;
        return LognormalSurvival.ofMedianAndP99(p.median().toSeconds(), p.p99().toSeconds());
    }

    // ---- operator actions ----

    void copyArn(TaskRow r) {
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, r.arn));
        note(Activity.Level.INFO, "Copied the ARN of task " + r.shortId());
    }

    void openInConsole(TaskRow r) {
        String region = latest == null ? profile.primaryRegion() : latest.snapshot().region();
        String url = ConsoleLinks.task(region, r.cluster, r.id);
        actions.browse(url);
        note(Activity.Level.INFO, "Opened task " + r.shortId() + " in the AWS console" + simulatedNote());
    }

    void openServiceInConsole() {
        Place p = tree.place().get();
        String region = latest == null ? profile.primaryRegion() : latest.snapshot().region();
        actions.browse(ConsoleLinks.service(region, p.cluster(), p.service()));
        note(Activity.Level.INFO, "Opened service " + p.service() + " in the AWS console" + simulatedNote());
    }

    private String simulatedNote() {
        return profile != null && profile.embedded() ? " (this demo fleet is simulated: AWS will not find it)" : "";
    }

    void refreshNow() {
        status.busy("refreshing…");
        actions.refreshNow();
    }

    void toggleTheme() {
        Theme.Mode m = Theme.toggle();
        note(Activity.Level.INFO, (m == Theme.Mode.DARK ? "Dark" : "Light") + " theme");
    }

    void selectTask(String arn) {
        FleetSnapshot s = latest();
        if (s == null) return;
        s.task(arn).ifPresent(t -> {
            Place p = tree.place().get();
            if (!p.contains(t.clusterName(), t.serviceName())) tree.go(Place.service(t.clusterName(), t.serviceName()));
            table.select(arn);
            focusTable();
        });
    }

    /** Tasks or the cluster's instances in the main area. */
    void toggleInstances() {
        instances.setShowing(!instances.showing());
        table.view().setVisible(!instances.showing());
        note(io.drainboard.ui.activity.Activity.Level.INFO, instances.showing() ? "Showing instances (i: back to tasks)"
                : "Showing tasks");
    }

    void focusTable() {
        table.view().requestFocus();
        if (table.view().getSelectionModel().isEmpty()) table.moveSelection(0);
    }

    void focusFilter() {
        header.filterField().requestFocus();
        header.filterField().selectAll();
    }

    /** Tells the operator the console did something (activity line and a short toast). */
    void note(Activity.Level level, String text) {
        Activity a = Activity.of(Ticker.instant(), level, text);
        activity.add(List.of(a));
        toasts.show(level, text, Duration.seconds(4));
    }
}

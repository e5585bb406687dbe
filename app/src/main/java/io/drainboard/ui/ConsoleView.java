package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import io.drainboard.ui.common.OpenConsole;
import io.drainboard.ui.model.Digest;
import io.drainboard.ui.model.Digester;
import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.profile.StartupProbe;
import io.drainboard.drain.DrainStatus;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.actions.OperatorActions;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.activity.ActivityPane;
import io.drainboard.ui.activity.Toasts;
import io.drainboard.ui.chart.CallsChart;
import io.drainboard.ui.model.CallsHistory;
import io.drainboard.ui.command.CommandPalette;
import io.drainboard.ui.command.HelpOverlay;
import io.drainboard.ui.command.Overlay;
import io.drainboard.ui.common.PulseStages;
import io.drainboard.ui.common.Ticker;
import io.drainboard.ui.details.ConsoleLinks;
import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.details.ServicePane;
import io.drainboard.ui.details.TaskDetails;
import io.drainboard.ui.instances.InstancesView;
import io.drainboard.ui.nav.FleetTree;
import io.drainboard.ui.model.TableShare;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.nav.Windows;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
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

        /** Opens the URL in a browser; {@code failed} hears why not (on any thread). */
        void browse(String url, java.util.function.Consumer<String> failed);

        void quit();

        /** EC2 capacity actions of the open console, if any. */
        default java.util.Optional<io.drainboard.drain.CapacityActions> capacity() {
            return java.util.Optional.empty();
        }
    }

    static final String STYLESHEET = Objects.requireNonNull(ConsoleView.class.getResource("/css/drainboard.css")).toExternalForm();

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
    final OperatorActions operator;
    final io.drainboard.ui.scaling.ScalingViews scaling;
    final InstancesView instances;
    private final StackPane root;
    private final SplitPane left;
    private final SplitPane right;
    private final StackPane tableArea;
    private final ProblemCard problem;
    private Path openingFile;
    private boolean panesAttached;
    private final ConsoleCommands commands;
    private Profile profile;
    private Digester digester;
    private Digest latest;
    /** The digest whose stages have all run: what the operator sees. */
    private Digest shown;
    /**
     * Rows written per pulse when a refresh changed many (the rest in the next pulses, before the sort): 5,000 rows
     * took 14–20 ms of the FX thread in one pulse at 50,000 tasks (docs/benchmarks.md).
     */
    static final int ROWS_PER_PULSE = 1000;
    /** The refresh whose stages all ran, waiting for its order (sorted off the FX thread) to be shown. */
    private Digest staged;
    private boolean sortPending;
    private final PulseStages stages = new PulseStages();
    /** Runs once the open profile's first snapshot is on screen. */
    private Runnable whenShown;
    private final List<Activity> unreported = new ArrayList<>();
    private final ConsoleWindows windows;
    private io.drainboard.ui.actions.DrainAlarms drainAlarms = new io.drainboard.ui.actions.DrainAlarms();

    private javafx.stage.Window window() {
        return root == null || root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** The other windows (timeline, audit, rollout wizards) this window opened. */
    Windows windows() {
        return windows;
    }

    ConsoleView(Actions actions) {
        this.actions = actions;
        windows = new ConsoleWindows(this::window, this::note);
        tree = new FleetTree(actions::openProfile);
        details = new TaskDetails(this::copyArn, this::openInConsole);
        activity = new ActivityPane(this::selectTask);
        operator = new OperatorActions(new OperatorActions.Context() {
            @Override
            public List<TaskRow> selected() {
                return table.selectedRows();
            }

            @Override
            public Place place() {
                return tree.place().get();
            }

            @Override
            public javafx.stage.Window window() {
                return root.getScene() == null ? null : root.getScene().getWindow();
            }

            @Override
            public void note(Activity.Level level, String text) {
                ConsoleView.this.note(level, text);
            }

            @Override
            public Runnable progress(String text) {
                return ack(text);
            }

            @Override
            public void refreshNow() {
                actions.refreshNow();
            }

            @Override
            public Windows windows() {
                return windows;
            }
        });
        scaling = new io.drainboard.ui.scaling.ScalingViews(new io.drainboard.ui.scaling.ScalingViews.Context() {
            @Override
            public java.util.Optional<Place> service() {
                Place p = tree.place().get();
                if (p.isService()) return java.util.Optional.of(p);
                List<TaskRow> sel = table.selectedRows();
                return sel.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Place.service(sel.get(0).cluster, sel.get(0).service, sel.get(0).arn));
            }

            @Override
            public javafx.stage.Window window() {
                return root.getScene() == null ? null : root.getScene().getWindow();
            }

            @Override
            public void note(Activity.Level level, String text) {
                ConsoleView.this.note(level, text);
            }

            @Override
            public void refreshNow() {
                actions.refreshNow();
            }
        });
        details.addActions(operator.controls().taskButtons());
        servicePane.addActions(scaling.buttons()); // below the operator's: addActions puts each at the top
        servicePane.addActions(operator.controls().serviceButtons());
        servicePane.extras(this::serviceExtras);
        table.view().setContextMenu(operator.controls().contextMenu());
        table.showSortsThrough(stages::soon); // a refresh's re-sort shows in a pulse of its own (see apply)
        instances = new InstancesView(actions::capacity, () -> profile, this::note, this::refreshNow);
        commands = new ConsoleCommands(this);
        palette = new CommandPalette(overlay, commands::all);
        help = new HelpOverlay(overlay, commands::keyed);
        header = new Header(table::setFilter, palette::open, help::toggle, this::toggleTheme, this::focusTable);

        tree.place().addListener((obs, o, p) -> placeChanged(p));
        table.selectedRow().addListener((obs, o, r) -> showDetails());
        table.selection().addListener((javafx.collections.ListChangeListener<TaskRow>) c -> {
            operator.controls().update();
            scaling.update();
        });
        table.shownCount().addListener((obs, o, n) -> header.counts(n.intValue(), table.totalCount().get()));
        table.shownCount().addListener((obs, o, n) -> fitTableShare());
        table.totalCount().addListener((obs, o, n) -> header.counts(table.shownCount().get(), n.intValue()));

        // Slots for the panes that attachPanes() puts in: the console's first frame can go without them.
        left = new SplitPane(tree.view(), new javafx.scene.layout.Region());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.58);
        problem = new ProblemCard(() -> {
            if (openingFile != null) actions.openProfile(openingFile);
        });
        tableArea = new StackPane(table.view(), problem.node());
        right = new SplitPane(tableArea, new javafx.scene.layout.Region());
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(TableShare.USUAL);
        right.heightProperty().addListener((obs, o, h) -> fitTableShare());
        // Once the operator drags the divider, it stays where they put it.
        right.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            for (javafx.scene.Node n = (javafx.scene.Node) e.getTarget(); n != null && n != right; n = n.getParent()) {
                if (n.getStyleClass().contains("split-pane-divider") && n.getParent() == right) operatorSizedTable = true;
            }
        });
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

    /**
     * Puts the panes built but left out of the scene (activity, service and task panes, chart) into
     * it, once. The app does it one pulse after the console's first, so that their CSS, skins and first layout
     * are not in that frame (docs/benchmarks.md, startup); everything else right after {@link #install}.
     */
    void attachPanes() {
        if (panesAttached) return;
        panesAttached = true;
        SplitPane bottom = new SplitPane(servicePane.node(), details.node(), chart.node());
        bottom.setDividerPositions(0.36, 0.70);
        double[] l = left.getDividerPositions(), r = right.getDividerPositions();
        left.getItems().set(1, activity.node());
        right.getItems().set(1, bottom);
        left.setDividerPositions(l);
        right.setDividerPositions(r);
        fitTableShare();
    }

    /** What runs once the panes that wait for the first rows ({@link #attachPanesWhenRowsShow}) are in; null: none wait. */
    private Runnable panesWaiting;

    /**
     * The app's start: the panes left out of the console's first frame (activity, service and task panes, chart) join
     * the scene once the first rows (a first cluster's, or all) are laid out, when the profile fails, or {@code atMost}
     * after this call, whichever comes first, and then {@code attached} runs. Their CSS, skins and first layout took
     * the FX thread (and a core) for 0.4-0.9 s before those rows could be laid out (docs/benchmarks.md, startup); they
     * are filled all the same, out of the scene, by the snapshot that brings the rows.
     */
    void attachPanesWhenRowsShow(Duration atMost, Runnable attached) {
        if (panesAttached) {
            attached.run();
            return;
        }
        panesWaiting = attached;
        javafx.animation.PauseTransition limit = new javafx.animation.PauseTransition(atMost);
        limit.setOnFinished(e -> attachWaitingPanes());
        limit.play();
    }

    private void attachWaitingPanes() {
        Runnable then = panesWaiting;
        if (then == null) return;
        panesWaiting = null;
        attachPanes();
        then.run();
    }

    /** The panes are in the scene (tests). */
    boolean panesAttached() {
        return panesAttached;
    }

    /**
     * Gives the table the height its rows need (a small service leaves the rest to the service and task panes) until
     * the operator moves the divider themselves.
     */
    private void fitTableShare() {
        if (!panesAttached || operatorSizedTable) return;
        double share = TableShare.of(table.shownCount().get(), table.view().getFixedCellSize(), TABLE_CHROME, right.getHeight());
        if (Math.abs(right.getDividerPositions()[0] - share) >= 0.01) right.setDividerPositions(share);
    }

    /** The table's column header and borders above its first row. */
    private static final double TABLE_CHROME = 34;

    /** The operator moved the table's divider: it stays where they put it. */
    private boolean operatorSizedTable;

    /** The table's share of the height it shares with the panes below (tests). */
    double tableShare() {
        return right.getDividerPositions()[0];
    }

    void install(Scene scene) {
        if (!scene.getStylesheets().contains(STYLESHEET)) scene.getStylesheets().add(STYLESHEET);
        commands.keys().install(scene);
    }

    // ---- profile lifecycle (called by the window) ----

    void opening(Path file, List<Path> otherProfiles) {
        operator.disconnect();
        scaling.disconnect();
        profile = null;
        stages.schedule(List.of());
        latest = null;
        shown = null;
        staged = null;
        sortPending = false;
        whenShown = null;
        openingFile = file;
        drainAlarms = new io.drainboard.ui.actions.DrainAlarms();
        problem.hide();
        status.connecting(file.getFileName().toString());
        tree.showProfiles(file, file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), otherProfiles);
        table.apply(new PendingRows.Batch(List.of(), java.util.Set.of(), true));
    }

    /** What the connected console protected: the Held by column tells its protections from others'. */
    private volatile io.drainboard.drain.ProtectionGrants grants = new io.drainboard.drain.ProtectionGrants();

    /** A bridge that feeds this view from a profile's refresher. */
    SnapshotBridge opened(Profile p) {
        profile = p;
        status.profile(p);
        tree.named(p.name());
        digester = new Digester(history, svc -> p.forService(svc.clusterName(), svc.name()), () -> grants, p::showsService);
        servicePane.riskCurve(digester::curve);
        return new SnapshotBridge(digester, this::apply, this::refreshFailed, this::partFailed, this::afterNextLayout);
    }

    /** The operator's actions bind to the open console; the listener goes on its refresher before the bridge. */
    FleetListener connected(OpenConsole c) {
        grants = c.actions().grants();
        scaling.connect(c);
        return operator.connect(c);
    }

    Profile profile() {
        return profile;
    }

    /** {@code then} runs on the FX thread once the first snapshot of the open profile is on screen. */
    void whenFirstShown(Runnable then) {
        if (shown != null) then.run();
        else whenShown = then;
    }

    /** The snapshot on screen: every pane shows it (a newer one may be half-applied). */
    FleetSnapshot latest() {
        return shown == null ? null : shown.snapshot();
    }

    /** The readiness warnings of a service as on screen (tests). */
    List<Readiness.Warning> digestReadiness(String serviceKey) {
        if (shown == null) return List.of();
        return shown.snapshot().services().filter(s -> s.key().equals(serviceKey)).findFirst()
                .map(s -> shown.readiness().getOrDefault(s.arn(), List.of())).orElse(List.of());
    }

    /** A part of the console failed on a refresh that was read and is shown: a warning, not a failed refresh. */
    void partFailed(io.drainboard.fleet.ListenerFailure f) {
        record(List.of(Activity.of(Ticker.instant(), Activity.Level.WARN, f.words())));
    }

    void refreshFailed(String message) {
        attachWaitingPanes(); // the activity pane says why no rows came
        status.refreshFailed(message);
        record(List.of(Activity.of(Ticker.instant(), Activity.Level.DANGER, message)));
    }

    /** The profile did not open: the card says why and what to do; the status bar and activity say it in short. */
    void fatal(String title, String advice, String details) {
        attachWaitingPanes(); // no rows will come: the activity pane says what failed
        status.fatal(title, advice);
        problem.show(title, advice, details);
        record(List.of(Activity.of(Ticker.instant(), Activity.Level.DANGER, title + ": " + advice)));
    }

    // ---- one refresh ----

    /**
     * One refresh, spread over pulses ({@link PulseStages}): the rows now, then the sort, then the
     * clocks, then navigation, status and activity, then the service pane, then the instances, then the task details
     * and chart. The
     * snapshot counts as shown ({@link #latest()}) once the last stage ran.
     */
    void apply(SnapshotBridge.Update u) {
        Digest d = u.latest();
        latest = d;
        StartupProbe.mark("first-apply"); // the FX thread has the first snapshot; its rows show in the next pulse
        if (shown == null) markRowsOnScreen();
        // After the frame with these rows, not in it (a frame of its own, as the console's first frame is)
        if (panesWaiting != null) afterNextLayout(() -> javafx.application.Platform.runLater(this::attachWaitingPanes));
        table.applyRows(u.rows(), shown == null ? Integer.MAX_VALUE : ROWS_PER_PULSE); // the first fleet at once
        table.showDrains(operator.activities());
        unreported.addAll(u.activities()); // kept across refreshes whose stages were replaced
        unreported.addAll(drainAlarms.news(operator.activities(), d.snapshot().takenAt()));
        List<Runnable> steps = new java.util.ArrayList<>();
        for (int n = table.rowsWaiting(); n > 0; n -= ROWS_PER_PULSE) steps.add(() -> table.applyMoreRows(ROWS_PER_PULSE));
        steps.addAll(List.of(
                () -> {
                    sortPending = true; // sorted off the FX thread; the snapshot is shown once its order is
                    table.sortLaterIfDue(() -> {
                        sortPending = false;
                        showIfDone();
                    });
                },
                // In a pulse of its own, as is the sorted order when it comes (showSortsThrough): at 50,000 rows the
                // fit, the sorted order shown and the stage after them each took 3-5 ms (docs/benchmarks.md).
                table::fitColumns,
                Ticker::tick, // clocks, filters and countdowns read the same "now" as this refresh
                () -> {
                    tree.apply(d.snapshot(), svc -> Readiness.serious(d.readiness().getOrDefault(svc.arn(), List.of())),
                            svc -> d.readiness().getOrDefault(svc.arn(), List.of()).stream()
                                    .anyMatch(w -> w.level() == Readiness.Level.DANGER), d::calls);
                    status.apply(d.snapshot());
                    record(List.copyOf(unreported));
                    unreported.clear();
                },
                // Each in a pulse of its own, the service pane in as many as its changed warnings need: at 50,000
                // tasks the two together took 11-20 ms of FX CPU (docs/benchmarks.md, "UI: 50,000 live rows").
                PulseStages.untilDone(servicePane.showInSteps(() -> tree.place().get(), () -> latest, this::policy)),
                () -> instances.show(tree.place().get(), latest.snapshot()),
                () -> {
                    showDetails();
                    if (d.snapshot().partial()) return; // part of a first read: shown, but not "the snapshot on screen"
                    operator.refreshed();
                    staged = latest;
                    showIfDone();
                }));
        stages.schedule(steps);
        // The first snapshot of a profile fills an empty window: one pass over everything costs less than
        // six pulses that each lay out freshly built cells and panes, and nothing on screen can stutter yet.
        if (shown == null) stages.flush();
    }

    /** The startup benchmark's "first-rows": the layout pulse after the first rows (a first cluster's, or all) went in. */
    private void markRowsOnScreen() {
        if (System.getProperty(StartupProbe.PROPERTY) != null) afterNextLayout(() -> StartupProbe.mark("first-rows"));
    }

    /** Runs {@code then} on the FX thread after the next layout pulse of this view (at once when it is in no scene). */
    void afterNextLayout(Runnable then) {
        javafx.scene.Scene scene = table.view().getScene();
        if (scene == null) {
            then.run();
            return;
        }
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                then.run();
            }
        });
        javafx.application.Platform.requestNextPulse();
    }

    /** Every stage of the latest refresh ran and its order is shown: it is on screen ({@link #latest()}). */
    private void showIfDone() {
        if (staged == null || sortPending) return;
        shown = staged;
        staged = null;
        StartupProbe.mark("first-fleet"); // the startup benchmark's end: once per run
        Runnable then = whenShown;
        whenShown = null;
        if (then != null) then.run();
    }

    private void record(List<Activity> news) {
        activity.add(news);
        news.stream().filter(a -> a.level() == Activity.Level.DANGER).limit(2)
                .forEach(a -> toasts.show(a.level(), a.text(), Duration.seconds(8)));
    }

    private void placeChanged(Place p) {
        header.where(p.label());
        operator.controls().update();
        scaling.update();
        table.setScope(r -> p.contains(r.cluster, r.service, r.arn), p.isService(), p.cluster() != null);
        if (latest != null) servicePane.show(p, latest, this::policy);
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
        s.services().filter(svc -> p.contains(svc.clusterName(), svc.name(), svc.arn())).limit(8).forEach(svc ->
                lines.add(new CallsChart.Line(p.cluster() == null ? svc.key() : svc.name(), CallsHistory.serviceKey(svc.arn()))));
        TaskRow r = table.selectedRow().get();
        if (r != null && p.isService()) lines.add(new CallsChart.Line("task " + r.shortId(), CallsHistory.taskKey(r.arn)));
        chart.show(p.label(), lines, history, s.takenAt());
    }

    /** Guard mode, drains, safe scale-in and history for the service pane: what the engine does beyond the snapshot. */
    private Map<String, String> serviceExtras(ServiceSnapshot svc) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Instant now = latest == null ? Ticker.instant() : latest.snapshot().takenAt();
        out.put("Guard mode", operator.guard(svc.key()).filter(g -> g.enabled()).map(g -> {
            if (g.held()) {
                return "on · held off while the safe scale-in owns the service's protection; guard mode takes it back"
                        + " when the scale-in ends";
            }
            Optional<Instant> next = svc.tasks().stream().filter(t -> t.protection().state() == Protection.State.ON)
                    .flatMap(t -> t.protection().expiresAt().stream()).min(Comparator.naturalOrder())
                    .map(e -> e.minus(profile.guard().renewBefore()));
            return "on · " + Formats.count(g.protectedNow(), "busy task") + " protected · " + g.released()
                    + " idle released last run" + next.map(n -> " · next renewal " + (n.isAfter(now)
                    ? "in " + Formats.span(java.time.Duration.between(now, n)) : "now")).orElse("")
                    + g.lastError().map(e -> " · last error: " + e).orElse("")
                    + g.sending().map(w -> " · sent, no answer yet: " + w).orElse("");
        }).orElse("off: ECS may stop busy tasks in a scale-in or deployment (g turns guard mode on)"));
        List<DrainStatus> drains = operator.drains().stream().filter(d -> d.cluster().equals(svc.clusterName())
                && d.service().equals(svc.name()) && !d.phase().finished()).toList();
        if (!drains.isEmpty()) {
            long queued = drains.stream().filter(d -> operator.queued(d.taskArn())).count();
            out.put("Drains", (drains.size() - queued) + " draining" + (queued > 0 ? ", " + queued
                    + " queued behind the drain budget" : "") + " · " + drains.stream().filter(d -> !operator.queued(d.taskArn()))
                    .map(d -> d.taskId().substring(0, Math.min(12, d.taskId().length())) + ": " + d.reason())
                    .reduce((a, b) -> a + "; " + b).orElse(""));
        }
        operator.scaleIn(svc.key()).ifPresent(si -> out.put("Scale-in", si.phase().name().toLowerCase() + " · desired "
                + si.fromDesired() + " → " + si.targetDesired() + (si.givenBack() > 0 ? " (" + si.givenBack() + " given back)" : "")
                + " · " + si.drains().stream().filter(d -> !d.phase().finished())
                .map(d -> d.taskId().substring(0, Math.min(12, d.taskId().length())) + ": " + d.reason())
                .reduce((a, b) -> a + "; " + b).orElse("no task left draining")
                + (si.alarms().isEmpty() ? "" : " · ALARM: " + String.join("; ", si.alarms()))));
        String history = operator.historyLine();
        if (!history.isEmpty()) out.put("History", history);
        return out;
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
        ack("Copied the ARN of task " + r.shortId());
    }

    void openInConsole(TaskRow r) {
        String region = latest == null ? profile.primaryRegion() : latest.snapshot().region();
        browse(ConsoleLinks.task(region, r.cluster, r.id), "task " + r.shortId());
    }

    void openServiceInConsole() {
        Place p = tree.place().get();
        String region = latest == null ? profile.primaryRegion() : latest.snapshot().region();
        browse(ConsoleLinks.service(region, p.cluster(), p.service()), "service " + p.service());
    }

    /** Says it opened only if no failure came back; a failure copies the URL so the operator can paste it. */
    private void browse(String url, String what) {
        String simulated = simulatedNote();
        boolean[] failed = new boolean[1];
        actions.browse(url, io.drainboard.ui.common.OffFx.onFx(why -> {
            failed[0] = true;
            Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, url));
            note(Activity.Level.WARN, "Could not open a browser (" + why + "): the AWS console link of " + what
                    + " is copied to the clipboard" + simulated);
        }));
        javafx.application.Platform.runLater(() -> { // after a failure the opener reported at once
            if (!failed[0]) ack("Opening " + what + " in the AWS console" + simulated);
        });
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
        ack((m == Theme.Mode.DARK ? "Dark" : "Light") + " theme");
    }

    void selectTask(String arn) {
        FleetSnapshot s = latest();
        if (s == null) return;
        s.task(arn).ifPresent(t -> {
            Place p = tree.place().get();
            if (!p.contains(t.clusterName(), t.serviceName(), t.arn())) tree.go(Place.service(t.clusterName(), t.serviceName(), t.arn()));
            table.select(arn);
            focusTable();
        });
    }

    /** Tasks or the cluster's instances in the main area. */
    void toggleInstances() {
        // Joins the scene on first use: hidden, it would still cost its CSS and skins at every start.
        if (!tableArea.getChildren().contains(instances.node())) tableArea.getChildren().add(instances.node());
        instances.setShowing(!instances.showing());
        table.view().setVisible(!instances.showing());
        ack(instances.showing() ? "Showing instances (i: back to tasks)" : "Showing tasks");
    }

    void focusTable() {
        table.view().requestFocus();
        if (table.view().getSelectionModel().isEmpty()) table.moveSelection(0);
    }

    void focusFilter() {
        header.filterField().requestFocus();
        header.filterField().selectAll();
    }

    /**
     * Acknowledges what the operator just did in the window (theme, copy, a view switched, an action under way): a
     * short toast only. Activity is for what happened to the fleet and what the console did to it.
     */
    Runnable ack(String text) {
        return toasts.show(Activity.Level.INFO, text, Duration.seconds(3));
    }

    /** Tells the operator the console did something (activity line and a short toast). */
    void note(Activity.Level level, String text) {
        Activity a = Activity.of(Ticker.instant(), level, text);
        activity.add(List.of(a));
        toasts.show(level, text, Duration.seconds(4));
    }
}

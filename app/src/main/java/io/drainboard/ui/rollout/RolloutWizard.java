package io.drainboard.ui.rollout;

import io.drainboard.ui.common.OpenConsole;
import io.drainboard.rollout.PreflightReader;
import io.drainboard.rollout.RolloutSettings;
import io.drainboard.ui.common.ConfirmDialog;
import io.drainboard.ui.common.OffFx;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import io.drainboard.rollout.RolloutStatus;

/**
 * The guided rollout wizard for one service, in its own window: choose the revision and maxParallel, see
 * the preflight checklist and the dry run, start, then watch progress, ETA and why it waits, with pause,
 * resume, abort and roll back. Closing the window leaves the rollout running; opening it again for the
 * service shows it. An unfinished rollout found in the journal is offered for resume or abort.
 */
public final class RolloutWizard {
    private static final Map<String, RolloutSession> SESSIONS = new ConcurrentHashMap<>();
    private final RolloutSession session;
    private final RolloutWizardModel model = new RolloutWizardModel();
    private final Stage stage = new Stage();
    /** Spares for a maxParallel when the operator set none (RolloutSettings.defaultSpares, once the service is read). */
    private java.util.function.IntUnaryOperator defaultSpares = k -> k;
    private Spinner<Integer> spares;

    /** The session's own thread: the wizard's reads wait behind the rollout's steps, never beside them. */
    private final OffFx worker;

    private RolloutWizard(Window owner, RolloutSession session) {
        this.session = session;
        this.worker = new OffFx(session.work());
        if (owner != null) stage.initOwner(owner);
        stage.setTitle("Roll out " + session.serviceKey());
        BorderPane root = new BorderPane();
        root.getStyleClass().add("rollout-wizard");
        root.setPadding(new Insets(14));
        Label header = new Label("Guided rollout · " + session.serviceKey());
        header.getStyleClass().add("title-3");
        root.setTop(header);
        StackPane pages = new StackPane(choosePage(), checkPage(), runPage());
        pages.setPadding(new Insets(10, 0, 10, 0));
        root.setCenter(pages);
        Label error = new Label();
        error.setId("rollout-error");
        error.setWrapText(true);
        error.textProperty().bind(model.error);
        io.drainboard.ui.common.Tone.DANGER.applyTo(error);
        root.setBottom(error);
        Scene scene = new Scene(root, 900, 680);
        var css = RolloutWizard.class.getResource("/css/drainboard.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        io.drainboard.ui.common.CloseKeys.install(stage);
        session.onStatus(OffFx.onFx(model::status));
        session.onError(OffFx.onFx(model.error::set));
        session.onHint(OffFx.onFx(h -> model.hint.set(RolloutWizardModel.shortIds(h))));
    }

    /**
     * Opens (or brings back) the rollout wizard for a service of the console's profile; the main window's
     * one line: {@code RolloutWizard.open(stage, console, service.clusterName(), service.name())}.
     */
    public static Stage open(Window owner, OpenConsole console, String cluster, String service) {
        return open(owner, console, cluster, service, (Executor) null);
    }

    /**
     * As {@link #open(Window, OpenConsole, String, String)}; {@code ended} hears the rollout's outcome once it ends (the
     * main window's activity feed and toast), whether or not the wizard is still open.
     */
    public static Stage open(Window owner, OpenConsole console, String cluster, String service,
                             java.util.function.Consumer<RolloutStatus> ended) {
        Stage st = open(owner, console, cluster, service, (Executor) null);
        String key = System.identityHashCode(console) + ":" + cluster + "/" + service;
        RolloutSession s = SESSIONS.get(key);
        if (s != null) s.onEnded(ended);
        return st;
    }

    /** @param work where the rollout's blocking calls run; null = its own thread (tests pass the caller's) */
    static Stage open(Window owner, OpenConsole console, String cluster, String service, Executor work) {
        String key = System.identityHashCode(console) + ":" + cluster + "/" + service;
        RolloutSession s = SESSIONS.compute(key, (k, old) -> old != null && old.engine().map(e -> !e.ended()).orElse(false)
                ? old : new RolloutSession(console, cluster, service, work != null ? work : worker(cluster + "/" + service)));
        RolloutWizard w = new RolloutWizard(owner, s);
        w.stage.show();
        w.load();
        return w.stage;
    }

    private static Executor worker(String name) {
        return OffFx.thread("rollout " + name);
    }

    /** Fills the first page: revisions, and an unfinished rollout if the journal has one. */
    private void load() {
        if (session.engine().isPresent()) return;
        background(() -> {
            var svc = session.service();
            return new Loaded(session.revisions(svc), session.unfinished(), svc.desiredCount(), session.settings(1, 0).lean());
        }, l -> {
            model.revisions.setAll(l.revisions());
            model.revision.set(l.revisions().get(0));
            model.unfinished.set(l.unfinished().orElse(""));
            model.maxParallel.set(Math.min(model.maxParallel.get(), Math.max(1, l.desired())));
            int k = model.maxParallel.get();
            boolean untouched = spares.getValue() == defaultSpares.applyAsInt(k);
            defaultSpares = n -> RolloutSettings.defaultSpares(n, l.desired(), l.lean());
            if (untouched) spares.getValueFactory().setValue(defaultSpares.applyAsInt(k));
        });
    }

    /** What the first page shows, read off the FX thread. */
    private record Loaded(List<String> revisions, Optional<String> unfinished, int desired, boolean lean) {
    }

    private Node choosePage() {
        ComboBox<String> revisions = new ComboBox<>(model.revisions);
        revisions.setId("revision-choice");
        revisions.valueProperty().bindBidirectional(model.revision);
        revisions.setCellFactory(l -> new RevisionCell());
        revisions.setButtonCell(new RevisionCell());
        revisions.setMaxWidth(Double.MAX_VALUE);
        Spinner<Integer> parallel = new Spinner<>(1, 50, 1);
        parallel.setId("max-parallel");
        spares = new Spinner<>(0, 50, 1);
        spares.setId("spares");
        // Typed digits count, not only the arrows: the typed value is committed on Enter and when focus leaves.
        parallel.setEditable(true);
        spares.setEditable(true);
        parallel.valueProperty().addListener((o, a, b) -> {
            model.maxParallel.set(b);
            // Spares follow their default for maxParallel (RolloutSettings) until the operator sets them apart.
            if (spares.getValue() == defaultSpares.applyAsInt(a)) spares.getValueFactory().setValue(defaultSpares.applyAsInt(b));
        });
        spares.valueProperty().addListener((o, a, b) -> model.spares.set(b));
        Button check = new Button("Check and plan (changes nothing)");
        check.setId("check-button");
        check.setDefaultButton(true);
        check.disableProperty().bind(model.busy.or(model.revision.isNull()));
        check.setOnAction(e -> check());
        Label resumeText = new Label();
        resumeText.setWrapText(true);
        resumeText.textProperty().bind(model.unfinished.map(id -> id.isEmpty() ? "" : "An unfinished rollout of this"
                + " service is in the journal (" + id + "): the console was closed or killed while it ran."));
        Button resume = new Button("Resume it");
        resume.setId("resume-journal");
        resume.setOnAction(e -> background(() -> session.resume(model.unfinished.get())));
        Button abort = new Button("Abort it safely");
        abort.setOnAction(e -> background(() -> {
            session.resume(model.unfinished.get());
            session.command(en -> en.abort("aborted from the wizard after a restart"));
        }));
        HBox journal = new HBox(8, resumeText, resume, abort);
        journal.visibleProperty().bind(model.unfinished.isNotEmpty());
        journal.managedProperty().bind(journal.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("wizard-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        VBox page = new VBox(10, journal, new Label("Deploy revision"), revisions,
                new Label("Tasks drained at once (maxParallel)"), parallel,
                new Label("Spare replacements, ready before the next drain (ECS runs maxParallel + spares above desired)"),
                spares, new HBox(8, cancel, check));
        page.visibleProperty().bind(model.page.isEqualTo(RolloutWizardModel.Page.CHOOSE));
        return page;
    }

    private Node checkPage() {
        ListView<io.drainboard.rollout.PreflightCheck> checks = new ListView<>(model.checks);
        checks.setId("preflight-list");
        checks.setCellFactory(l -> new CheckCell());
        VBox.setVgrow(checks, Priority.ALWAYS);
        Label summary = new Label();
        summary.setId("plan-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.planSummary);
        ListView<String> plan = new ListView<>(model.plan);
        plan.setId("plan-list");
        plan.setCellFactory(l -> new io.drainboard.ui.common.WrappingCell());
        plan.setPrefHeight(180);
        Button back = new Button("Back");
        back.setOnAction(e -> model.page.set(RolloutWizardModel.Page.CHOOSE));
        Button start = new Button("Start rollout");
        start.setId("start-button");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(model.canStart.not().or(model.busy));
        start.setOnAction(e -> {
            PreflightReader.Report r = model.report();
            int k = model.maxParallel.get(), sp = model.spares.get();
            confirm("Start the rollout of " + session.serviceKey() + "?", model.planSummary.get(), List.copyOf(model.plan),
                    "Start rollout", true, reason -> background(() -> {
                        session.audit("rollout-start", reason, r.target().label());
                        session.start(r, k, sp, reason);
                    }));
        });
        VBox page = new VBox(8, new Label("Preflight"), checks, new Label("Dry run"), summary, plan,
                new HBox(8, back, start));
        page.visibleProperty().bind(model.page.isEqualTo(RolloutWizardModel.Page.CHECK));
        return page;
    }

    private Node runPage() {
        Label title = label("rollout-title", model.title);
        title.getStyleClass().add("title-4");
        ProgressBar bar = new ProgressBar();
        bar.setId("rollout-progress");
        bar.progressProperty().bind(model.progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        ListView<String> drains = new ListView<>(model.drains);
        drains.setId("drain-list");
        drains.setPrefHeight(120);
        ListView<String> alarms = new ListView<>(model.alarms);
        alarms.setId("alarm-list");
        alarms.setPrefHeight(90);
        alarms.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                io.drainboard.ui.common.Tone.WARN.applyTo(this);
            }
        });
        Button pause = new Button();
        pause.setId("pause-button");
        pause.textProperty().bind(model.paused.map(p -> p ? "Resume" : "Pause"));
        pause.setOnAction(e -> session.command(en -> {
            if (model.paused.get()) en.resumeRollout();
            else en.pause("from the wizard");
        }));
        Button abort = new Button("Abort");
        abort.setId("abort-button");
        abort.setOnAction(e -> confirm("Abort the rollout?", "Drains not yet cordoned are cancelled, cordoned ones finish;"
                + " then the deployment configuration, scale-in and the lock are restored. Old tasks stay protected"
                + " until their lease ends, after which ECS replaces them itself (their calls may be cut): start the"
                + " rollout again or roll back before then.", List.of(session.serviceKey()), "Abort", false,
                reason -> session.command(en -> en.abort(reason.isEmpty() ? "aborted from the wizard" : reason))));
        Button rollback = new Button("Roll back");
        rollback.setId("rollback-button");
        rollback.setOnAction(e -> confirm("Roll back?", "The same process toward the previous revision: every task"
                + " of the current deployment is drained and replaced, one (or maxParallel) at a time.",
                List.of(session.serviceKey()), "Roll back", true,
                reason -> session.command(en -> en.rollback(reason.isEmpty() ? "from the wizard" : reason))));
        Button close = new Button("Close (the rollout goes on)");
        close.setId("close-button");
        close.setOnAction(e -> stage.close());
        for (Button b : new Button[]{pause, abort, rollback}) b.disableProperty().bind(model.ended);
        VBox page = new VBox(8, title, bar, label("progress-text", model.progressText), label("eta", model.eta),
                label("waiting", model.waiting), hint(), label("lock", model.lock), new Label("Draining"), drains,
                new Label("Alarms"), alarms, label("outcome", model.outcome), new HBox(8, pause, abort, rollback, close));
        page.visibleProperty().bind(model.page.isEqualTo(RolloutWizardModel.Page.RUN));
        return page;
    }

    private void check() {
        String target = model.revision.get();
        int k = model.maxParallel.get(), sp = model.spares.get();
        background(() -> session.check(target, k, sp), model::report);
    }

    /**
     * Through the console's one confirmation dialog: the reason goes to the audit log, and a production
     * profile wants the service name typed before a rollout or a rollback ({@code rollsOut}).
     */
    private void confirm(String title, String text, List<String> targets, String confirmText, boolean rollsOut,
                         java.util.function.Consumer<String> then) {
        Optional<String> typed = rollsOut && session.production() ? Optional.of(session.serviceName()) : Optional.empty();
        ConfirmDialog.ask(stage, new ConfirmDialog.Request(title, text, targets, Optional.empty(), typed, confirmText, false),
                ok -> then.accept(ok.reason()));
    }

    /** Runs blocking work off the FX thread; its failure is shown in words, and the wizard stays usable. */
    private void background(Runnable r) {
        background(() -> {
            r.run();
            return null;
        }, none -> { });
    }

    /** As above, with a result for the FX thread. */
    private <T> void background(OffFx.Work<T> work, java.util.function.Consumer<T> onFx) {
        model.busy.set(true);
        model.error.set("");
        worker.run(work, v -> {
            model.busy.set(false);
            onFx.accept(v);
        }, e -> {
            model.busy.set(false);
            model.error.set(OffFx.words(e));
        });
    }

    /** The hint under "Waiting": wrapped, and taking no room when there is none. */
    private Label hint() {
        Label l = label("wait-hint", model.hint);
        l.setWrapText(true);
        l.visibleProperty().bind(model.hint.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        io.drainboard.ui.common.Tone.WARN.applyTo(l);
        return l;
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }

    /** A revision by its family:revision, or the "register a copy" choice in words. */
    private static final class RevisionCell extends ListCell<String> {
        @Override
        protected void updateItem(String arn, boolean empty) {
            super.updateItem(arn, empty);
            setText(empty || arn == null ? null : RolloutSession.COPY.equals(arn)
                    ? "Register a new revision: a copy of the current one (replaces every task, same image)"
                    : arn.substring(arn.lastIndexOf('/') + 1));
        }
    }
}

package io.drainboard.ui.scaling;

import atlantafx.base.theme.Styles;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.scaling.CheckSettings;
import io.drainboard.scaling.Failures;
import io.drainboard.scaling.Finding;
import io.drainboard.scaling.FixApplier;
import io.drainboard.scaling.FixChange;
import io.drainboard.scaling.ReadinessCheck;
import io.drainboard.scaling.ReadinessReport;
import io.drainboard.scaling.lab.LabSetup;
import io.drainboard.scaling.lab.ScalingLab;
import io.drainboard.scaling.lab.TrafficShape;
import io.drainboard.ui.common.OffFx;
import io.drainboard.ui.common.OpenConsole;
import io.drainboard.ui.common.ConfirmDialog;
import io.drainboard.ui.actions.Rails;
import io.drainboard.ui.command.Command;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.nav.Place;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The console's scaling views: a service's readiness (findings, fixes, applying a fix) and the scaling lab, opened
 * from the service pane's buttons, the command palette or the {@code m} key. Every AWS read, every fix and every
 * replay runs on this class's background thread, one at a time; the FX thread only shows results. A fix is
 * confirmed (the dialog lists exactly the requests), refused in a read-only profile, and audited before it is sent
 * ({@link FixApplier}).
 */
public final class ScalingViews {
    static final String STYLESHEET = Objects.requireNonNull(ScalingViews.class.getResource("/css/drainboard.css")).toExternalForm();
    private static final String VIEW = "View";
    private static final String ACT = "Actions";

    /** What the views need from the main window. */
    public interface Context {
        /** The service in view: the place, else the selected task's. */
        Optional<Place> service();

        Window window();

        void note(Activity.Level level, String text);

        void refreshNow();
    }

    private final Context ctx;
    private final OffFx work = OffFx.thread("scaling-views");
    private final Button readinessButton = small("Scaling readiness", "readinessButton");
    private final Button labButton = small("Scaling lab…", "labButton");
    private volatile OpenConsole console;
    private ReadinessWindow readiness;
    private Place readinessOf;
    private LabWindow lab;
    private Place labOf;

    public ScalingViews(Context ctx) {
        this.ctx = ctx;
        readinessButton.setOnAction(e -> openReadiness());
        labButton.setOnAction(e -> openLab());
        update();
    }

    public void connect(OpenConsole c) {
        console = c;
        update();
    }

    public void disconnect() {
        console = null;
        if (readiness != null) readiness.stage().close();
        if (lab != null) lab.stage().close();
        update();
    }

    /** The service pane's buttons. */
    public Node buttons() {
        FlowPane p = new FlowPane(6, 4, readinessButton, labButton);
        p.setAlignment(Pos.CENTER_LEFT);
        return p;
    }

    /** Enables the buttons when a service is in view of an open profile. */
    public void update() {
        boolean off = whyNot().isPresent();
        readinessButton.setDisable(off);
        labButton.setDisable(off);
    }

    /** For the palette, the help overlay and the keys. */
    public List<Command> commands() {
        String why = whyNot().orElse("");
        return List.of(
                Command.of(VIEW, "Scaling readiness of this service (findings and fixes)", "m", this::openReadiness)
                        .when(() -> whyNot().isEmpty(), why),
                Command.of(ACT, "Scaling lab: replay traffic against policies for this service…", "", this::openLab)
                        .when(() -> whyNot().isEmpty(), why));
    }

    private Optional<String> whyNot() {
        if (console == null) return Optional.of("no profile open yet");
        return ctx.service().isEmpty() ? Optional.of("select a service (or a task of it) first") : Optional.empty();
    }

    // ------------------------------------------------------------------ readiness

    void openReadiness() {
        OpenConsole c = console;
        Optional<Place> svc = ctx.service();
        if (c == null || svc.isEmpty()) {
            whyNot().ifPresent(w -> ctx.note(Activity.Level.WARN, "Scaling readiness: " + w));
            return;
        }
        if (readiness != null && readiness.stage().isShowing() && svc.get().equals(readinessOf)) {
            readiness.show();
            return;
        }
        if (readiness != null) readiness.stage().close();
        Place s = svc.get();
        readinessOf = s;
        ReadinessWindow w = new ReadinessWindow(s.label(), new ReadinessWindow.Actions() {
            @Override
            public void check(int capacityPerTask) {
                runCheck(c, s, capacityPerTask, r -> readiness(w(), r));
            }

            @Override
            public void apply(ReadinessReport report, Finding finding) {
                askApply(c, s, report, finding);
            }

            @Override
            public void openLab() {
                ScalingViews.this.openLab(s);
            }

            @Override
            public void note(String text) {
                ctx.note(Activity.Level.INFO, text);
            }

            private ReadinessWindow w() {
                return readiness;
            }
        });
        readiness = w;
        w.show();
        w.check();
    }

    private void readiness(ReadinessWindow w, ReadinessReport r) {
        OpenConsole c = console;
        if (w != readiness || c == null) return;
        w.show(r, Rails.of(c.profile()).refusal());
    }

    private interface Shown {
        void report(ReadinessReport r);
    }

    /** Reads the service's scaling off the FX thread; shows the report, or one line saying what is wrong. */
    private void runCheck(OpenConsole c, Place s, int capacityPerTask, Shown shown) {
        ReadinessWindow w = readiness;
        work.run(() -> check(c, capacityPerTask).check(inLastRefresh(c, s)), shown::report, e -> {
            if (w == readiness && w != null) w.failed(readFailure(e));
        });
    }

    /** The service as of the last refresh, or why not in a line. */
    private static ServiceSnapshot inLastRefresh(OpenConsole c, Place s) {
        return lastRefresh(c, s).service(s.cluster(), s.service()).orElseThrow(() -> notRead(s));
    }

    private static FleetSnapshot lastRefresh(OpenConsole c, Place s) {
        return c.refresher().latest().orElseThrow(() -> notRead(s));
    }

    private static NotRead notRead(Place s) {
        return new NotRead(s.label() + " is not in the last refresh; refresh and try again");
    }

    /** The service the view is about is not in the last refresh: the message is the whole story. */
    private static final class NotRead extends RuntimeException {
        NotRead(String message) {
            super(message, null, false, false);
        }
    }

    private static String readFailure(Exception e) {
        return e instanceof SdkException sdk ? "AWS refused a read: " + Failures.line(sdk) : OffFx.words(e);
    }

    private static ReadinessCheck check(OpenConsole c, int capacityPerTask) {
        return new ReadinessCheck(c.profile(), c.aws(), c.history(), c.clock(), new CheckSettings(Optional.of(capacityPerTask),
                Optional.empty(), Duration.ofDays(7)));
    }

    /** The confirmation states every request the fix sends; then audited and sent off the FX thread. */
    void askApply(OpenConsole c, Place s, ReadinessReport report, Finding f) {
        Rails rails = Rails.of(c.profile());
        Optional<String> refused = rails.refusal();
        if (refused.isPresent()) {
            ctx.note(Activity.Level.WARN, "Apply the fix: " + refused.get());
            return;
        }
        List<String> lines = new ArrayList<>();
        for (FixChange ch : f.fix().changes()) lines.add(ch.describe());
        String now = report.config().target().map(t -> "Now: scalable target min " + t.min() + ", max " + t.max())
                .orElse("Now: no scalable target") + (report.config().policies().isEmpty() ? ", no policy"
                : ", policies " + String.join(", ", report.config().policies().stream().map(p -> p.name() + " ("
                + p.metricLabel() + ")").toList())) + ". A policy of the same name is replaced; the others stay."
                + (f.fix().profile().isEmpty() ? "" : " The guard service's profile is not changed from here: add its"
                + " YAML (on the card) and restart the guard service first.");
        ConfirmDialog.Request req = new ConfirmDialog.Request("Apply the fix for \"" + f.title() + "\" to " + s.service() + "?",
                "These requests are sent through Application Auto Scaling" + (f.fix().changes().stream()
                        .anyMatch(x -> x instanceof FixChange.GroupMax) ? " and EC2 Auto Scaling" : "") + ", in this order,"
                        + " after they are written to the audit log. " + now + "\nMeasured: " + f.measured(),
                lines, Optional.empty(), rails.typeToConfirm(List.of(s.service())), "Apply", false);
        ConfirmDialog.ask(readiness == null ? ctx.window() : readiness.stage(), req, ok -> {
            ctx.note(Activity.Level.INFO, "Applying the fix for " + f.title() + " to " + s.label() + "…");
            String arn = c.refresher().latest().flatMap(x -> x.service(s.cluster(), s.service()))
                    .map(ServiceSnapshot::arn).orElse(null);
            ReadinessWindow w = readiness;
            int capacity = w == null ? CheckSettings.ASSUMED_CAPACITY : w.capacity();
            work.run(() -> new FixApplier(c.profile(), c.aws(), c.actions().audit()).apply(arn, report, f, ok.reason()),
                    done -> applied(c, s, w, capacity, Activity.Level.GOOD,
                            "Fix applied to " + s.label() + ": " + String.join("; ", done.done())),
                    e -> applied(c, s, w, capacity, Activity.Level.DANGER, e instanceof SdkException
                            ? "The fix for " + f.title() + " failed: " + Failures.line((SdkException) e) + " (the audit log says what went through)"
                            : "The fix for " + f.title() + " was not applied: " + OffFx.words(e)));
        });
    }

    /** After a fix went through or failed: say so, refresh, and check the service again in its open window. */
    private void applied(OpenConsole c, Place s, ReadinessWindow w, int capacity, Activity.Level level, String text) {
        ctx.note(level, text);
        ctx.refreshNow();
        if (w != null && w == readiness) w.checking();
        if (w != null) runCheck(c, s, capacity, r -> readiness(w, r));
    }

    // ------------------------------------------------------------------ lab

    void openLab() {
        Optional<Place> svc = ctx.service();
        if (console == null || svc.isEmpty()) {
            whyNot().ifPresent(w -> ctx.note(Activity.Level.WARN, "Scaling lab: " + w));
            return;
        }
        openLab(svc.get());
    }

    private void openLab(Place s) {
        OpenConsole c = console;
        if (c == null) return;
        if (lab != null && lab.stage().isShowing() && s.equals(labOf)) {
            lab.show();
            return;
        }
        if (lab != null) lab.stage().close();
        labOf = s;
        LabWindow[] self = new LabWindow[1];
        self[0] = new LabWindow(s.label(), (shape, policies, seed) -> runLab(c, s, self[0], shape, policies, seed));
        lab = self[0];
        lab.show();
    }

    /** The replay, off the FX thread: the service's readiness (its real settings), then each policy in turn. */
    private void runLab(OpenConsole c, Place s, LabWindow w, String shapeName, List<String> policies, long seed) {
        int capacity = readiness != null && s.equals(readinessOf) ? readiness.capacity() : CheckSettings.ASSUMED_CAPACITY;
        work.run(() -> {
            FleetSnapshot fleet = lastRefresh(c, s);
            ServiceSnapshot snap = fleet.service(s.cluster(), s.service()).orElseThrow(() -> notRead(s));
            ReadinessReport r = check(c, capacity).check(snap);
            Profile.CallPrior calls = c.profile().forService(s.cluster(), s.service()).callLength();
            LabSetup setup = new LabSetup(r, calls, Duration.ofSeconds(60), check(c, capacity).recommended());
            TrafficShape shape = setup.shape(shapeName, 1, Optional.empty(), c.history(), fleet.takenAt());
            return new Replayed(ScalingLab.compare(setup.service(), shape, setup.policies(policies, shape), seed), setup.notes());
        }, done -> {
            if (w == lab) w.show(done.result(), done.notes());
        }, e -> {
            // The Run button comes back, whatever went wrong.
            String why = e instanceof SdkException || e instanceof NotRead ? readFailure(e)
                    : e instanceof IllegalArgumentException ? e.getMessage()
                    : "The replay failed: " + (e.getCause() != null ? e.getCause() : e);
            if (w == lab) w.failed(why);
        });
    }

    private record Replayed(ScalingLab.Comparison result, List<String> notes) {
    }

    // ------------------------------------------------------------------ tests

    /** The readiness window, when open (tests). */
    public Optional<Stage> readinessWindow() {
        return Optional.ofNullable(readiness).map(ReadinessWindow::stage).filter(Stage::isShowing);
    }

    /** The lab window, when open (tests). */
    public Optional<Stage> labWindow() {
        return Optional.ofNullable(lab).map(LabWindow::stage).filter(Stage::isShowing);
    }

    private static Button small(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        return b;
    }
}

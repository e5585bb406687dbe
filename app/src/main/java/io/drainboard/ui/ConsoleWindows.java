package io.drainboard.ui;

import io.drainboard.rollout.RolloutPhase;
import io.drainboard.ui.actions.AuditView;
import io.drainboard.ui.common.OpenConsole;
import io.drainboard.ui.common.OffFx;
import io.drainboard.ui.history.TimelineWindow;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.nav.Windows;
import io.drainboard.ui.rollout.RolloutWizard;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** The main window's other windows, opened through {@link Windows}: one timeline, one audit view, a wizard per service. */
final class ConsoleWindows implements Windows {
    private final Supplier<Window> owner;
    private final BiConsumer<Activity.Level, String> note;
    private final OffFx reads = OffFx.thread("audit-view");
    private TimelineWindow timeline;
    private AuditView audit;
    private Stage rollout;

    /** @param note where a rollout's end is told (called on the FX thread) */
    ConsoleWindows(Supplier<Window> owner, BiConsumer<Activity.Level, String> note) {
        this.owner = owner;
        this.note = note;
    }

    @Override
    public void timeline(OpenConsole console, Place where) {
        if (timeline != null && timeline.stage().isShowing()) {
            timeline.stage().toFront();
            timeline.stage().requestFocus();
            return;
        }
        timeline = TimelineWindow.open(console.history(), where.cluster() == null ? "" : where.cluster(),
                where.service() == null ? "" : where.service());
    }

    @Override
    public void rollout(OpenConsole console, Place service) {
        rollout = RolloutWizard.open(owner.get(), console, service.cluster(), service.service(), OffFx.onFx(
                st -> note.accept(st.notClean() ? Activity.Level.DANGER : st.phase() == RolloutPhase.COMPLETED
                        ? Activity.Level.GOOD : Activity.Level.WARN, "Rollout of " + st.serviceKey() + " "
                        + st.phase().words() + ": " + st.endReason().orElse(""))));
    }

    @Override
    public void audit(OpenConsole console) {
        if (audit != null && audit.showing()) {
            audit.toFront();
            audit.refresh();
            return;
        }
        audit = AuditView.open(owner.get(), console.actions().audit(), reads);
    }

    @Override
    public void refreshed() {
        if (audit != null && audit.showing()) audit.refresh();
    }

    @Override
    public Optional<Window> showing(Kind kind) {
        Optional<Window> w = switch (kind) {
            case TIMELINE -> Optional.ofNullable(timeline).map(TimelineWindow::stage);
            case AUDIT -> Optional.ofNullable(audit).map(AuditView::stage);
            case ROLLOUT -> Optional.ofNullable(rollout);
        };
        return w.filter(Window::isShowing);
    }
}

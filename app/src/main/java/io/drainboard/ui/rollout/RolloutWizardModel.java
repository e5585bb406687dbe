package io.drainboard.ui.rollout;

import io.drainboard.rollout.PreflightCheck;
import io.drainboard.rollout.PreflightReader;
import io.drainboard.rollout.RolloutPhase;
import io.drainboard.rollout.RolloutStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The wizard's view model: plain JavaFX properties, set on the FX thread only, testable without a window.
 * Three steps: choose (revision, maxParallel), check (preflight and dry run), run (progress and commands).
 */
final class RolloutWizardModel {
    enum Page { CHOOSE, CHECK, RUN }

    final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.CHOOSE);
    final ObservableList<String> revisions = FXCollections.observableArrayList();
    final StringProperty revision = new SimpleStringProperty();
    final IntegerProperty maxParallel = new SimpleIntegerProperty(1);
    final IntegerProperty spares = new SimpleIntegerProperty(1);
    final BooleanProperty busy = new SimpleBooleanProperty();
    final StringProperty error = new SimpleStringProperty("");
    final StringProperty unfinished = new SimpleStringProperty("");

    final ObservableList<PreflightCheck> checks = FXCollections.observableArrayList();
    final ObservableList<String> plan = FXCollections.observableArrayList();
    final StringProperty planSummary = new SimpleStringProperty("");
    final BooleanProperty canStart = new SimpleBooleanProperty();
    private PreflightReader.Report report;

    final StringProperty title = new SimpleStringProperty("");
    final ObjectProperty<RolloutPhase> phase = new SimpleObjectProperty<>();
    final DoubleProperty progress = new SimpleDoubleProperty();
    final StringProperty progressText = new SimpleStringProperty("");
    final StringProperty eta = new SimpleStringProperty("");
    final StringProperty waiting = new SimpleStringProperty("");
    /** Why a long wait lasts and what to do about it (FirstCallWait); empty most of the time. */
    final StringProperty hint = new SimpleStringProperty("");
    final StringProperty lock = new SimpleStringProperty("");
    final StringProperty outcome = new SimpleStringProperty("");
    final BooleanProperty paused = new SimpleBooleanProperty();
    final BooleanProperty ended = new SimpleBooleanProperty();
    final ObservableList<String> drains = FXCollections.observableArrayList();
    final ObservableList<String> alarms = FXCollections.observableArrayList();

    void report(PreflightReader.Report r) {
        report = r;
        checks.setAll(r.checks());
        plan.setAll(r.plan().lines().subList(1, r.plan().lines().size()).stream().map(RolloutWizardModel::shortIds).toList());
        planSummary.set(r.plan().fromLabel() + " → " + r.plan().toLabel() + " · " + r.plan().order().size()
                + " tasks, " + r.plan().maxParallel() + " at a time · predicted " + r.plan().durationWords()
                + " · calls affected: " + r.plan().callsAffected());
        canStart.set(r.canStart());
        page.set(Page.CHECK);
    }

    PreflightReader.Report report() {
        return report;
    }

    void status(RolloutStatus s) {
        page.set(Page.RUN);
        title.set((s.direction() == io.drainboard.rollout.Direction.ROLLBACK ? "Rolling back " : "Rolling out ")
                + s.serviceKey() + ": " + s.fromLabel() + " → " + s.toLabel());
        phase.set(s.phase());
        progress.set(s.total() == 0 ? 0 : s.replaced() / (double) s.total());
        progressText.set(s.replaced() + " of " + s.total() + " tasks replaced · " + s.phase().words()
                + (s.leaned() > 0 ? " · " + s.leaned() + " old tasks leaned" : ""));
        eta.set(s.eta().map(e -> "ETA " + e.words()).orElse(s.ended() ? "" : "ETA —"));
        String why = s.pausedBecause().map(p -> "Paused: " + p)
                .orElse(s.waitingFor().isEmpty() || "draining".equals(s.waitingFor()) ? "" : "Waiting: " + s.waitingFor());
        waiting.set(shortIds(why + s.lastError().map(e -> (why.isEmpty() ? "" : " · ") + "Retrying: " + e).orElse("")));
        lock.set(s.lock().map(l -> "Lock: held by " + l.describe()).orElse("Lock: not held"));
        outcome.set(s.endReason().map(r -> s.phase().words() + ": " + r).orElse(""));
        paused.set(s.phase() == RolloutPhase.PAUSED);
        ended.set(s.ended());
        List<String> d = new ArrayList<>();
        s.draining().forEach(x -> d.add(shortIds(x.taskId() + " · " + x.phase().name().toLowerCase() + " · " + x.reason())));
        drains.setAll(d);
        alarms.setAll(s.alarms().stream().map(RolloutWizardModel::shortIds).toList());
    }

    private static final java.util.regex.Pattern TASK_ID = java.util.regex.Pattern.compile("\\b([0-9a-f]{12})[0-9a-f]{20}\\b");

    /** Task ids as the task table shows them: their first 12 characters, so the two can be read side by side. */
    static String shortIds(String text) {
        return TASK_ID.matcher(text).replaceAll("$1");
    }
}

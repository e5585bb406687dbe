package io.drainboard.ui.tasks;

import io.drainboard.ui.model.CallLoad;
import io.drainboard.ui.model.DrainView;
import io.drainboard.ui.model.KillOutlook;
import io.drainboard.ui.model.Revision;
import io.drainboard.ui.model.StopStage;
import io.drainboard.ui.model.TaskFilter;
import io.drainboard.drain.DrainStatus;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One row per task, kept for the task's whole life so selection, focus and scroll survive refreshes.
 * Properties are written only on the FX thread and only when the value really changed; the table has
 * no extractor, so a write re-renders the visible cell and nothing else.
 */
public final class TaskRow implements TaskFilter.Subject {
    public final String arn;
    public final String id;
    public final String cluster;
    public final String service;
    public final ObjectProperty<Revision> revision = new SimpleObjectProperty<>();
    public final StringProperty availabilityZone = new SimpleStringProperty();
    public final StringProperty launchType = new SimpleStringProperty();
    public final ObjectProperty<TaskState> state = new SimpleObjectProperty<>();
    public final StringProperty health = new SimpleStringProperty();
    public final ObjectProperty<Protection> protection = new SimpleObjectProperty<>();
    /** Who holds the protection (the worker, this console, the guard service, someone else). */
    public final ObjectProperty<io.drainboard.drain.ProtectionHolder> holder = new SimpleObjectProperty<>();
    public final ObjectProperty<CallLoad> calls = new SimpleObjectProperty<>();
    public final ObjectProperty<KillOutlook> kill = new SimpleObjectProperty<>(KillOutlook.NONE);
    public final ObjectProperty<DrainView> drain = new SimpleObjectProperty<>(DrainView.NONE);
    /** What is happening to the task, whoever runs it (the engines' statuses as of the last refresh), or null. */
    private io.drainboard.drain.TaskActivity activity;
    private TaskSnapshot latest;
    /** When the row was made, among all rows: a cheap, stable tie-break for sorting. */
    final int seq;
    /** The active numeric sort's key, written just before each sort (see {@link SortKeys}). */
    long sortKey;
    /** Where the table shows the row ({@link OrderedRows}), -1 when it does not. */
    int pos = -1;
    private static int made;

    /** Last and desired status as ECS reports them. */
    public record TaskState(String last, String desired) {
        public String text() {
            return desired == null || desired.equals(last) ? last : last + " → " + desired;
        }
    }

    public TaskRow(TaskSnapshot t) {
        this.arn = t.arn();
        this.id = t.id();
        this.cluster = t.clusterName();
        this.service = t.serviceName();
        this.seq = made++;
    }

    /** The snapshot this row last showed (details pane, copy ARN, console links). */
    public TaskSnapshot snapshot() {
        return latest;
    }

    /** @return whether anything shown changed */
    boolean update(TaskSnapshot t, Revision rev, CallLoad load, KillOutlook outlook) {
        return update(t, rev, load, outlook, null);
    }

    boolean update(TaskSnapshot t, Revision rev, CallLoad load, KillOutlook outlook, io.drainboard.drain.ProtectionHolder by) {
        latest = t;
        return set(holder, by) | set(revision, rev) | set(availabilityZone, t.availabilityZone()) | set(launchType, t.launchType())
                | set(state, new TaskState(t.lastStatus(), t.desiredStatus())) | set(health, t.healthStatus())
                | set(protection, t.protection()) | set(calls, load) | set(kill, outlook)
                | set(drain, view(outlook.stage()));
    }

    /** Shows a drain of the task, whoever runs it (null: none); @return whether the Drain column changed */
    boolean showDrain(io.drainboard.drain.TaskActivity a) {
        activity = a;
        return set(drain, view(kill.get().stage()));
    }

    private DrainView view(StopStage stage) {
        DrainStatus d = drainStatus().orElse(null);
        return new DrainView(stage, d, activity == null ? "drain" : activity.source().words());
    }

    /** The drain of the task, whoever runs it. */
    public java.util.Optional<DrainStatus> drainStatus() {
        return activity == null ? java.util.Optional.empty() : activity.drain();
    }

    /** What is happening to the task and who does it (a drain, guard mode), as of the last refresh. */
    public java.util.Optional<io.drainboard.drain.TaskActivity> activity() {
        return java.util.Optional.ofNullable(activity);
    }

    private static <T> boolean set(javafx.beans.property.Property<T> p, T v) {
        if (Objects.equals(v, p.getValue())) return false;
        p.setValue(v);
        return true;
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    public String drainText() {
        return Looks.drain(drain.get()).text();
    }

    @Override
    public String text(TaskFilter.Field f) {
        return switch (f) {
            case TASK -> id;
            case CLUSTER -> cluster;
            case SERVICE -> service;
            case REVISION -> revision.get().text();
            case AZ -> availabilityZone.get();
            case LAUNCH -> launchType.get();
            case STATUS -> state.get().text();
            case HEALTH -> health.get();
            case PROTECTION -> Looks.protection(protection.get(), Instant.EPOCH).text().replaceAll(" ·.*", "");
            case CALLS -> calls.get().known() ? Integer.toString(calls.get().count()) : "? unknown";
            case OLDEST -> "";
            case DRAIN -> drainText();
            case KILL -> Looks.drain(kill.get().stage()).text();
        };
    }

    @Override
    public OptionalDouble number(TaskFilter.Field f, Instant now) {
        return switch (f) {
            case CALLS -> calls.get().known() ? OptionalDouble.of(calls.get().count()) : OptionalDouble.empty();
            case OLDEST -> calls.get().calls().oldestStart()
                    .map(s -> OptionalDouble.of(Duration.between(s, now).toSeconds())).orElse(OptionalDouble.empty());
            case PROTECTION -> protection.get().expiresAt()
                    .map(e -> OptionalDouble.of(Duration.between(now, e).toSeconds())).orElse(OptionalDouble.empty());
            case KILL -> kill.get().secondsLeft(now).map(OptionalDouble::of)
                    .orElse(kill.get().stage().stopping() ? OptionalDouble.of(kill.get().stopTimeoutSeconds()) : OptionalDouble.empty());
            default -> OptionalDouble.empty();
        };
    }
}

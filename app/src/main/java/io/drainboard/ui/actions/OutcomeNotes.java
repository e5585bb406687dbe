package io.drainboard.ui.actions;

import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;
import io.drainboard.drain.InstanceDrainStatus;
import io.drainboard.drain.ScaleInStatus;
import io.drainboard.stops.StopsSummary;
import io.drainboard.ui.model.Activity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drains, scale-ins and instance drains that ended since the last refresh, as activity lines (and toasts): the
 * outcome each observed — "drained, replacement running; 0 calls on any task when it stopped" in green only when
 * that was seen; a task stopped with calls on it, or by something else, in red. Pure logic, no JavaFX.
 */
final class OutcomeNotes {
    record Note(Activity.Level level, String text) {
    }

    private final Set<String> noted = new HashSet<>();

    List<Note> drains(Collection<DrainStatus> drains) {
        List<Note> out = new ArrayList<>();
        for (DrainStatus d : drains) {
            if (!d.phase().finished() || !noted.add("drain " + d.taskArn() + " " + d.startedAt())) continue;
            Activity.Level level = switch (d.phase()) {
                case DONE -> d.stop().map(s -> s.clean() ? Activity.Level.GOOD : Activity.Level.DANGER).orElse(Activity.Level.GOOD);
                case FAILED -> Activity.Level.WARN;
                default -> Activity.Level.INFO;
            };
            out.add(new Note(level, "Drain of " + d.taskId() + (d.phase() == DrainPhase.DONE ? ": " : " " + d.phase().name()
                    .toLowerCase() + ": ") + d.reason()));
        }
        return out;
    }

    List<Note> scaleIns(Collection<ScaleInStatus> scaleIns) {
        List<Note> out = new ArrayList<>();
        for (ScaleInStatus s : scaleIns) {
            if (!s.phase().finished() || !noted.add("scale-in " + s.serviceKey() + " " + s.startedAt())) continue;
            out.add(new Note(level(s.stops(), s.phase() == ScaleInStatus.Phase.DONE), "Safe scale-in of " + s.serviceKey()
                    + (s.phase() == ScaleInStatus.Phase.DONE ? ": " : " stopped: ") + s.reason()));
        }
        return out;
    }

    List<Note> instanceDrains(Collection<InstanceDrainStatus> drains) {
        List<Note> out = new ArrayList<>();
        for (InstanceDrainStatus d : drains) {
            if (!d.phase().finished() || !noted.add("instance " + d.instanceArn() + " " + d.startedAt())) continue;
            out.add(new Note(level(d.stops(), d.phase() == InstanceDrainStatus.Phase.DONE), "Instance drain of "
                    + d.ec2InstanceId() + " " + d.phase().name().toLowerCase() + ": " + d.reason()));
        }
        return out;
    }

    private static Activity.Level level(StopsSummary stops, boolean done) {
        if (!stops.clean()) return Activity.Level.DANGER;
        return done ? Activity.Level.GOOD : Activity.Level.WARN;
    }
}

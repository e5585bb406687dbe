package io.drainboard.ui.actions;

import io.drainboard.ui.model.Activity;

import io.drainboard.drain.DrainPhase;
import io.drainboard.drain.DrainStatus;
import io.drainboard.drain.TaskActivity;
import io.drainboard.ui.common.Formats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A drain that failed is told once, loudly: a danger line in Activity (which also pops up) saying why, that the
 * task is still protected and until when, and what to do. A column turning red is not enough: the operator who
 * started the drain is usually looking elsewhere by then.
 */
public final class DrainAlarms {
    private final Set<String> told = new HashSet<>();

    /** The lines for drains that failed since the last call (each drain once; a new drain of the task again). */
    public List<Activity> news(List<TaskActivity> drains, Instant now) {
        List<Activity> out = new ArrayList<>();
        for (TaskActivity a : drains) {
            DrainStatus d = a.drain().orElse(null);
            if (d == null || d.phase() != DrainPhase.FAILED) continue;
            if (!told.add(d.taskArn() + "@" + d.startedAt())) continue;
            out.add(Activity.about(now, Activity.Level.DANGER, "Safe drain of task " + shortId(d) + " (" + d.service()
                    + ") FAILED: " + d.reason() + d.protectedUntil().filter(u -> u.isAfter(now)).map(u -> ". It is still"
                    + " protected until " + Formats.clock(u) + " UTC: release it (u) or fix the cause and drain it again (d)")
                    .orElse(". Fix the cause and drain it again (d)"), d.taskArn()));
        }
        return out;
    }

    private static String shortId(DrainStatus d) {
        String id = d.taskId();
        return id.substring(0, Math.min(12, id.length()));
    }
}

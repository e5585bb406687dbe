package io.drainboard.ui.model;

import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.FleetDiff;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.common.Formats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two snapshots, in the operator's words: tasks started, being stopped (with their
 * calls and SIGKILL time) and gone; deployments and rollout states; data health lost and regained.
 * Many tasks of one service changing at once make one line, not hundreds. Pure logic, no JavaFX.
 */
public final class ActivityFeed {
    /** Above this many tasks per service and kind, changes are summarised in one line. */
    static final int DETAIL_LIMIT = 3;

    private ActivityFeed() {
    }

    public static List<Activity> between(FleetSnapshot before, FleetSnapshot after) {
        Instant at = after.takenAt();
        List<Activity> out = new ArrayList<>();
        if (before == null) {
            out.add(Activity.of(at, Activity.Level.INFO, "Connected to " + after.profile() + " (" + after.region() + "): "
                    + Formats.count(after.clusters().size(), "cluster") + ", " + Formats.count(after.services().count(), "service")
                    + ", " + Formats.count(after.tasks().count(), "task")
                    + (after.calls().ok() ? ", " + Formats.count(after.services().mapToInt(ServiceSnapshot::calls).sum(), "live call") : "")));
            health(null, after, out);
            return out;
        }
        FleetDiff diff = after.diff().fromSequence() == before.sequence() ? after.diff() : FleetDiff.between(before, after);
        Map<String, TaskSnapshot> old = new HashMap<>();
        before.tasks().forEach(t -> old.put(t.arn(), t));
        Map<String, List<TaskSnapshot>> started = new HashMap<>();
        Map<String, List<TaskSnapshot>> gone = new HashMap<>();
        for (TaskSnapshot t : diff.addedTasks()) started.computeIfAbsent(place(t), k -> new ArrayList<>()).add(t);
        for (TaskSnapshot t : diff.changedTasks()) {
            TaskSnapshot was = old.get(t.arn());
            if (was != null && !was.stopping() && t.stopping()) out.add(stopping(t, at));
        }
        for (String arn : diff.removedTasks()) {
            TaskSnapshot t = old.get(arn);
            if (t != null) gone.computeIfAbsent(place(t), k -> new ArrayList<>()).add(t);
        }
        started.forEach((svc, ts) -> summarise(out, at, Activity.Level.INFO, svc, ts, "started", t -> "Task " + shortId(t)
                + " started in " + svc + " (" + t.revisionLabel() + ", " + t.availabilityZone() + ")"));
        gone.forEach((svc, ts) -> summarise(out, at, Activity.Level.INFO, svc, ts, "left the task list", t -> "Task "
                + shortId(t) + " left " + svc + " (last seen " + t.lastStatus() + ")"));
        stopped(before, after, old, out);
        deployments(before, after, at, out);
        health(before, after, out);
        return out;
    }

    /**
     * Tasks that newly appear among a service's recently stopped ones, with ECS's stopCode and exit codes;
     * an exit code 137 is SIGKILL, so calls still live then were cut.
     */
    private static void stopped(FleetSnapshot before, FleetSnapshot after, Map<String, TaskSnapshot> old, List<Activity> out) {
        Set<String> known = new HashSet<>();
        before.services().forEach(s -> s.recentlyStopped().forEach(t -> known.add(t.arn())));
        after.services().forEach(s -> s.recentlyStopped().stream().filter(t -> !known.contains(t.arn())).forEach(t -> {
            TaskSnapshot last = old.getOrDefault(t.arn(), t);
            int calls = last.calls() instanceof TaskCalls.Unknown ? -1 : last.calls().count(); // stale: the last count seen
            boolean killed = t.containers().stream().anyMatch(c -> c.exitCode().orElse(0) == 137);
            String exits = t.containers().stream().filter(c -> c.exitCode().isPresent())
                    .map(c -> c.name() + " exit " + c.exitCode().get()).reduce((a, b) -> a + ", " + b).orElse("");
            String text = "Task " + shortId(t) + " stopped in " + place(t) + ": " + t.stopCode().orElse("no stop code")
                    + t.stoppedReason().map(r -> " (" + r + ")").orElse("") + (exits.isEmpty() ? "" : "; " + exits)
                    + (killed ? "; SIGKILLed" + (calls > 0 ? " with " + Formats.count(calls, "call") + " live at the last refresh: they were cut" : "") : "");
            out.add(Activity.about(after.takenAt(), killed && calls != 0 ? Activity.Level.DANGER : Activity.Level.INFO, text, t.arn()));
        }));
    }

    private static Activity stopping(TaskSnapshot t, Instant at) {
        int calls = t.calls().known() ? t.calls().count() : -1;
        String what = calls < 0 ? "calls unknown" : Formats.count(calls, "live call");
        return Activity.about(at, calls == 0 ? Activity.Level.WARN : Activity.Level.DANGER, "ECS is stopping task "
                + shortId(t) + " in " + place(t) + " with " + what + "; SIGKILL " + t.stopTimeout().seconds()
                + " s after SIGTERM", t.arn());
    }

    private static void summarise(List<Activity> out, Instant at, Activity.Level level, String svc, List<TaskSnapshot> ts,
                                  String verb, Function<TaskSnapshot, String> one) {
        if (ts.size() <= DETAIL_LIMIT) {
            for (TaskSnapshot t : ts) out.add(Activity.about(at, level, one.apply(t), t.arn()));
        } else {
            out.add(Activity.of(at, level, ts.size() + " tasks " + verb + " in " + svc));
        }
    }

    private static void deployments(FleetSnapshot before, FleetSnapshot after, Instant at, List<Activity> out) {
        Map<String, DeploymentSnapshot> was = new HashMap<>();
        before.services().forEach(s -> s.deployments().forEach(d -> was.put(s.key() + "#" + d.id(), d)));
        after.services().forEach(s -> s.deployments().forEach(d -> {
            DeploymentSnapshot prev = was.get(s.key() + "#" + d.id());
            String td = d.taskDefinitionArn() == null ? "?" : d.taskDefinitionArn().substring(d.taskDefinitionArn().lastIndexOf('/') + 1);
            if (prev == null) {
                out.add(Activity.of(at, Activity.Level.WARN, "New deployment on " + s.key() + ": " + td
                        + (d.rolloutState() == null ? "" : " (" + d.rolloutState() + ")")));
            } else if (d.rolloutState() != null && !d.rolloutState().equals(prev.rolloutState())) {
                Activity.Level l = "FAILED".equals(d.rolloutState()) ? Activity.Level.DANGER
                        : "COMPLETED".equals(d.rolloutState()) ? Activity.Level.GOOD : Activity.Level.INFO;
                out.add(Activity.of(at, l, "Rollout of " + td + " on " + s.key() + " is " + d.rolloutState()));
            }
        }));
    }

    private static void health(FleetSnapshot before, FleetSnapshot after, List<Activity> out) {
        Set<String> had = before == null ? Set.of() : new HashSet<>(problems(before));
        List<String> has = problems(after);
        for (String p : has) if (!had.contains(p)) out.add(Activity.of(after.takenAt(), Activity.Level.DANGER, p));
        if (before != null && !had.isEmpty() && has.isEmpty()) {
            out.add(Activity.of(after.takenAt(), Activity.Level.GOOD, "Data complete again: every cluster and the calls were read"));
        }
    }

    private static List<String> problems(FleetSnapshot s) {
        List<String> p = new ArrayList<>(s.errors());
        // FleetReader already lists a failed calls read among the errors; add it only if it did not.
        if (!s.calls().ok() && p.stream().noneMatch(e -> e.startsWith("Calls unknown"))) {
            p.add("Calls unknown: " + s.calls().error().orElse(""));
        }
        return p;
    }

    private static String place(TaskSnapshot t) {
        return t.clusterName() + "/" + t.serviceName();
    }

    private static String shortId(TaskSnapshot t) {
        return t.id().length() > 12 ? t.id().substring(0, 12) : t.id();
    }
}

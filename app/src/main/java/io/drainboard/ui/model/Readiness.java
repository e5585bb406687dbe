package io.drainboard.ui.model;

import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.CutRisk;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.common.Formats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What could cut calls on a service right now, each with what to do about it. Pure logic: the facts
 * are docs/aws-facts.md#stop-timeout (Fargate default 30 s, max 120 s), #task-protection (protected tasks are
 * not stopped by scale-in or deployments) and #deployment-blocked (5 active deployments at most), and the
 * call-length curve of docs/drain.md, Risk model.
 */
public final class Readiness {
    /** LiveKit Agents' drain_timeout default (Python ≥ 1.6.5 and JS: 3600 s): how long a worker drains after SIGTERM. */
    public static final Duration WORKER_DRAIN_DEFAULT = Duration.ofMinutes(60);

    public enum Level { INFO, WARN, DANGER }

    public record Warning(Level level, String title, String advice) {
    }

    /** The call-length facts a verdict needs: the profile's p99 and the curve. */
    public record CallLength(Duration p99, CallSurvival curve) {
    }

    private Readiness() {
    }

    /** @param starts start time of each live call per task ARN */
    public static List<Warning> of(ServiceSnapshot s, Map<String, List<Instant>> starts, boolean callsKnown,
                                   CallLength length, Instant now) {
        List<Warning> out = new ArrayList<>();
        stopping(s, starts, out);
        killed(s, out);
        nativeStopCost(s, starts, callsKnown, length, now, out);
        stopTimeout(s, starts, length, now, out);
        if (!callsKnown) {
            out.add(new Warning(Level.WARN, "Calls unknown on this service",
                    "The call source failed (see the status bar). Counts are unknown, not zero: do not stop tasks on them."));
        }
        if (s.tasks().stream().anyMatch(t -> t.protection().state() == Protection.State.UNKNOWN)) {
            out.add(new Warning(Level.WARN, "Task protection unknown",
                    "GetTaskProtection failed; check that the profile's role allows ecs:GetTaskProtection."));
        }
        alwaysOn(s, starts, callsKnown, now, out);
        deployments(s, out);
        if (s.runningCount() < s.desiredCount()) {
            int missing = s.desiredCount() - s.runningCount();
            out.add(new Warning(Level.WARN, missing + " of " + s.desiredCount() + " tasks not running",
                    s.pendingCount() + " pending. If this lasts, read the service events for placement or image errors."));
        }
        out.sort(Comparator.comparing(Warning::level).reversed());
        return out;
    }

    /** Warnings an operator must look at (WARN or DANGER), for badges. */
    public static int serious(List<Warning> ws) {
        return (int) ws.stream().filter(w -> w.level() != Level.INFO).count();
    }

    private static void stopping(ServiceSnapshot s, Map<String, List<Instant>> starts, List<Warning> out) {
        List<TaskSnapshot> busy = s.tasks().stream()
                .filter(t -> "STOPPED".equals(t.desiredStatus()) && !"STOPPED".equals(t.lastStatus()))
                .filter(t -> !starts.getOrDefault(t.arn(), List.of()).isEmpty()).toList();
        if (busy.isEmpty()) return;
        int calls = busy.stream().mapToInt(t -> starts.get(t.arn()).size()).sum();
        out.add(new Warning(Level.DANGER, Formats.count(busy.size(), "task") + " being stopped with "
                + Formats.count(calls, "live call"),
                "ECS is stopping them; calls still running at SIGKILL are cut. See the SIGKILL column."));
    }

    /** Tasks ECS stopped recently whose containers exited 137 (SIGKILL): their calls were cut (the incident signature). */
    private static void killed(ServiceSnapshot s, List<Warning> out) {
        long n = s.recentlyStopped().stream()
                .filter(t -> t.containers().stream().anyMatch(c -> c.exitCode().orElse(0) == 137)).count();
        if (n == 0) return;
        out.add(new Warning(Level.DANGER, Formats.count(n, "task") + " recently stopped by SIGKILL (exit 137)",
                "ECS killed them after stopTimeout, so calls still running then were cut. See Recently stopped and the"
                        + " service events; before the next deploy or scale-in, protect busy tasks and drain them."));
    }

    private static void nativeStopCost(ServiceSnapshot s, Map<String, List<Instant>> starts, boolean callsKnown,
                                       CallLength length, Instant now, List<Warning> out) {
        if (!callsKnown) return;
        CutRisk risk = new CutRisk(length.curve());
        double cut = 0;
        int busyUnprotected = 0;
        for (TaskSnapshot t : s.tasks()) {
            List<Instant> on = starts.getOrDefault(t.arn(), List.of());
            if (on.isEmpty() || t.protection().state() == Protection.State.ON || !"RUNNING".equals(t.lastStatus())) continue;
            busyUnprotected++;
            cut += risk.expectedCut(on.stream().map(st -> (double) Duration.between(st, now).toSeconds()).toList(),
                    t.stopTimeout().seconds());
        }
        if (busyUnprotected == 0) return;
        long n = Math.round(cut);
        // Amber, not red: nothing is cut until a deploy or a scale-in happens (red is for calls being cut now).
        Level level = n >= 1 ? Level.WARN : Level.INFO;
        out.add(new Warning(level, "A deploy or scale-in now would cut ≈ " + n + (n == 1 ? " call" : " calls"),
                Formats.count(busyUnprotected, "busy task") + " unprotected: ECS may SIGTERM them and kill them after stopTimeout."
                        + " Protect busy tasks (or use guard mode) before deploying or scaling in."));
    }

    /**
     * Busy tasks that nothing always-on protects: no self-protecting workers, no live guard service. The console's own
     * guard mode lasts only while it is open, so at 3 a.m. the next scale-in or deploy stops these tasks
     * (docs/guard-service.md).
     */
    private static void alwaysOn(ServiceSnapshot s, Map<String, List<Instant>> starts, boolean callsKnown, Instant now,
                                 List<Warning> out) {
        if (!callsKnown || io.drainboard.drain.ProtectionHolder.selfProtecting(s)) return;
        if (io.drainboard.drain.GuardLease.of(s.tags()).map(l -> l.live(now)).orElse(false)) return;
        long busy = s.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                .filter(t -> t.protection().state() != Protection.State.ON)
                .filter(t -> !starts.getOrDefault(t.arn(), List.of()).isEmpty()).count();
        if (busy == 0) return;
        out.add(new Warning(Level.WARN, Formats.count(busy, "busy task") + " unprotected, and nothing always-on guards them",
                "Neither self-protecting workers (service tag drainboard:self-protect) nor a live guard service"
                        + " (drainboard guard): once this console closes, the next scale-in or deploy may stop them with"
                        + " their calls. See docs/guard-service.md and docs/worker-snippets.md."));
    }

    private static void stopTimeout(ServiceSnapshot s, Map<String, List<Instant>> starts, CallLength length,
                                    Instant now, List<Warning> out) {
        TaskSnapshot sample = s.tasks().stream().filter(t -> t.taskDefinitionArn().equals(s.taskDefinitionArn()))
                .findFirst().orElse(s.tasks().isEmpty() ? null : s.tasks().get(0));
        if (sample == null) return;
        StopTimeout st = s.stopTimeout().orElse(sample.stopTimeout());
        int timeout = st.seconds();
        Duration oldest = s.tasks().stream().flatMap(t -> starts.getOrDefault(t.arn(), List.of()).stream())
                .map(start -> Duration.between(start, now)).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        boolean seenLonger = oldest.compareTo(length.p99()) > 0;
        Duration last = seenLonger ? oldest : length.p99();
        if (last.toSeconds() <= timeout) return;
        String lastText = "calls last up to " + roughly(last)
                + (seenLonger ? " (one is that old now)" : " (p99 in the profile)");
        boolean fargate = "FARGATE".equals(sample.launchType());
        String title;
        String advice;
        if (fargate && timeout >= 120) {
            title = "Fargate caps stopTimeout at 120 s; " + lastText;
            advice = "After SIGTERM the worker would drain for up to " + Formats.setting(WORKER_DRAIN_DEFAULT)
                    + " (LiveKit default), but ECS kills it after 120 s. Keep busy tasks protected and drain before deploying.";
        } else if (fargate) {
            title = "stopTimeout is " + timeout + " s (" + st.basis() + "); " + lastText;
            advice = "Set the container stopTimeout to 120 s (Fargate's maximum), keep busy tasks protected and drain before deploying.";
        } else {
            title = "stopTimeout is " + timeout + " s (" + st.basis() + "); " + lastText;
            advice = "On EC2 the container stopTimeout (or the agent's ECS_CONTAINER_STOP_TIMEOUT) can be raised toward the"
                    + " worker's drain window (" + Formats.setting(WORKER_DRAIN_DEFAULT) + " by default); until then drain before deploying.";
        }
        // A standing setting, not an event: it is there in the pane for whoever plans a deploy, but it does not
        // badge the service, or every Fargate service would be amber for good.
        out.add(new Warning(Level.INFO, title, advice));
    }

    private static void deployments(ServiceSnapshot s, List<Warning> out) {
        List<DeploymentSnapshot> ds = s.deployments();
        for (DeploymentSnapshot d : ds) {
            if ("FAILED".equals(d.rolloutState())) {
                out.add(new Warning(Level.WARN, "Rollout of " + shortTd(d.taskDefinitionArn()) + " failed",
                        "ECS gave up on this deployment (circuit breaker or failed tasks). Read the service events, then roll back or fix."));
            }
        }
        if (ds.size() >= 5) {
            out.add(new Warning(Level.WARN, ds.size() + " active deployments",
                    "ECS allows 5 active deployments per service: another update will be refused. Often protected tasks block the oldest one (DEPLOYMENT_BLOCKED)."));
        } else if (ds.size() > 1) {
            DeploymentSnapshot primary = ds.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(ds.get(0));
            long old = s.tasks().stream().filter(t -> !t.taskDefinitionArn().equals(s.taskDefinitionArn())).count();
            out.add(new Warning(Level.INFO, "Rollout to " + shortTd(primary.taskDefinitionArn()) + " in progress ("
                    + (primary.rolloutState() == null ? "state unknown" : primary.rolloutState()) + ")",
                    Formats.count(old, "task") + " still on an old revision; old tasks keep taking calls until ECS stops them."));
        }
    }

    /** "25 min", "31 min", "90 s": a call length as an operator says it. */
    static String roughly(Duration d) {
        return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    public static String shortTd(String arn) {
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }
}

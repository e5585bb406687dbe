package io.drainboard.ui.tasks;

import io.drainboard.ui.model.CallLoad;
import io.drainboard.ui.model.DrainView;
import io.drainboard.ui.model.KillOutlook;
import io.drainboard.ui.model.Revision;
import io.drainboard.ui.model.StopStage;
import io.drainboard.fleet.Protection;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Look;
import io.drainboard.ui.common.Tone;

import java.time.Duration;
import java.time.Instant;

/** How each task value reads on screen: words first, then icon and tone. Shared by cells and details. */
public final class Looks {
    /** Protection about to lapse: an operator should renew it or finish the drain (guard renews 20 min early). */
    static final Duration EXPIRING = Duration.ofMinutes(10);

    private Looks() {
    }

    /** Who holds the task's protection (docs/guard-service.md): the worker, this console, the guard service or someone else. */
    public static Look holder(io.drainboard.drain.ProtectionHolder h) {
        if (h == null) return Look.plain("");
        return switch (h.kind()) {
            case NONE -> new Look("—", null, Tone.MUTED, h.words());
            case UNKNOWN -> new Look("?", Icons.UNKNOWN, Tone.WARN, h.words());
            case SELF -> new Look("self", Icons.PROTECTED, Tone.GOOD, h.words() + "; no guard releases it");
            case THIS_CONSOLE -> new Look("this console", Icons.PROTECTED, Tone.GOOD, h.words());
            case GUARD_SERVICE -> new Look("guard service", Icons.PROTECTED, Tone.GOOD, h.words());
            case SOMEONE_ELSE -> new Look("someone else", Icons.PROTECTED, Tone.MUTED, h.words() + "; no guard releases it");
        };
    }

    public static Look protection(Protection p, Instant now) {
        return switch (p.state()) {
            case UNKNOWN -> new Look("unknown", Icons.UNKNOWN, Tone.WARN,
                    "GetTaskProtection failed for this cluster; shown as unknown, never as off");
            case OFF -> new Look("off", Icons.UNPROTECTED, Tone.MUTED,
                    "Not protected: a deployment or scale-in may stop this task");
            case ON -> p.expiresAt().map(e -> {
                Duration left = Duration.between(now, e);
                if (left.isNegative() || left.isZero()) {
                    return new Look("expired", Icons.PROTECTION_EXPIRING, Tone.WARN,
                            "Protection expired at " + Formats.clock(e) + " UTC; ECS may stop this task now");
                }
                Tone tone = left.compareTo(EXPIRING) < 0 ? Tone.WARN : Tone.GOOD;
                return new Look("on · " + Formats.span(left), left.compareTo(EXPIRING) < 0
                        ? Icons.PROTECTION_EXPIRING : Icons.PROTECTED, tone,
                        "Protected from scale-in and deployments until " + Formats.clock(e) + " UTC");
            }).orElse(new Look("on", Icons.PROTECTED, Tone.GOOD, "Protected (no expiry reported)"));
        };
    }

    public static Look state(TaskRow.TaskState s) {
        if (s == null || s.last() == null) return Look.EMPTY;
        if ("STOPPED".equals(s.last())) return Look.of("STOPPED", Icons.STOPPED, Tone.MUTED);
        if ("STOPPED".equals(s.desired())) return new Look("RUNNING".equals(s.last()) ? "stop asked" : s.last(), Icons.KILL,
                Tone.DANGER, "ECS is stopping this task: " + s.text());
        if ("RUNNING".equals(s.last())) return Look.of("RUNNING", Icons.OK, Tone.GOOD);
        // On its way to RUNNING: the stage alone ("PROVISIONING"), the whole "PROVISIONING → RUNNING" in the tooltip.
        return new Look(s.last(), Icons.WAITING, Tone.WARN, s.text());
    }

    public static Look health(String h) {
        if ("HEALTHY".equals(h)) return Look.of("healthy", Icons.HEALTHY, Tone.GOOD);
        if ("UNHEALTHY".equals(h)) return Look.of("UNHEALTHY", Icons.UNHEALTHY, Tone.DANGER);
        return new Look("no check", Icons.UNKNOWN, Tone.MUTED, "ECS reports health UNKNOWN: no container health check, or not yet run");
    }

    public static Look revision(Revision r) {
        if (r == null) return Look.EMPTY;
        return switch (r.generation()) {
            case ONLY -> Look.plain(r.label());
            case NEW -> new Look(r.text(), Icons.NEW_REVISION, Tone.GOOD, "On the deployment's new task definition");
            case OLD -> new Look(r.text(), Icons.OLD_REVISION, Tone.WARN,
                    "On an old task definition: the rollout will replace this task");
        };
    }

    /** A drain when there is one, whoever runs it (its reason as the tooltip), else ECS's stop stage. */
    public static Look drain(DrainView v) {
        if (v.drain() == null) return drain(v.stage());
        io.drainboard.drain.DrainPhase p = v.drain().phase();
        Tone tone = switch (p) {
            case HELD, FAILED -> Tone.DANGER;
            case DONE -> Tone.GOOD;
            case CANCELLED -> Tone.MUTED;
            default -> Tone.WARN;
        };
        return new Look(v.words(), p == io.drainboard.drain.DrainPhase.DONE ? Icons.OK : Icons.WAITING, tone,
                v.drain().reason());
    }

    public static Look drain(StopStage stage) {
        return switch (stage) {
            case SERVING -> Look.of("—", null, Tone.MUTED);
            case DEREGISTERING -> new Look("deregistering", Icons.WAITING, Tone.WARN,
                    "ECS is stopping this task: load balancer deregistration first, then SIGTERM");
            case SIGTERM_SENT -> new Look("SIGTERM sent", Icons.KILL, Tone.DANGER,
                    "The worker got SIGTERM: it drains until its calls end or SIGKILL comes");
            case STOPPED -> Look.of("stopped", Icons.STOPPED, Tone.MUTED);
        };
    }

    /** "1 m 42 s · 3 calls, ≈2 cut": the time to the earliest SIGKILL and what it will cost. */
    public static Look kill(KillOutlook o, Instant now) {
        int calls = o.callStarts().size();
        String load = calls == 0 ? " · idle" : " · " + Formats.count(calls, "call") + ", ≈" + Math.round(o.expectedCut(now)) + " cut";
        Tone tone = calls > 0 ? Tone.DANGER : Tone.WARN;
        return switch (o.stage()) {
            case SERVING -> Look.EMPTY;
            case STOPPED -> Look.of("stopped", Icons.STOPPED, Tone.MUTED);
            case DEREGISTERING, SIGTERM_SENT -> o.clock().map(k -> {
                Duration left = o.left(now).orElse(Duration.ZERO);
                String when = left.isZero() ? "SIGKILL due" : k.exact() ? Formats.span(left)
                        : Formats.span(left) + "–" + Formats.span(Duration.between(now, k.latestSigkill()));
                return new Look(when + load, o.stage() == StopStage.SIGTERM_SENT ? Icons.KILL : Icons.WAITING, tone,
                        "SIGKILL " + (k.exact() ? "at " + Formats.clock(k.earliestSigkill())
                                : "between " + Formats.clock(k.earliestSigkill()) + " and " + Formats.clock(k.latestSigkill()))
                                + " UTC (" + k.basis() + "); calls still running then are cut");
            }).orElse(new Look("SIGTERM next, then " + o.stopTimeoutSeconds() + " s" + load, Icons.WAITING, tone,
                    "ECS is stopping this task; it has not reported when. SIGKILL comes stopTimeout ("
                            + o.stopTimeoutSeconds() + " s) after SIGTERM"));
        };
    }

    public static Look oldest(CallLoad load, Instant now) {
        if (load == null) return Look.EMPTY;
        if (!load.known()) return new Look("?", Icons.UNKNOWN, Tone.WARN, "Calls unknown");
        return load.calls().oldestStart().map(s -> Look.plain(Formats.age(s, now))).orElse(Look.of("—", null, Tone.MUTED));
    }
}

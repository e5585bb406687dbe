package io.drainboard.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Task scale-in protection (API Reference "UpdateTaskProtection", Developer Guide "Protect your Amazon ECS
 * tasks from being terminated by scale-in events"): 1–2880 minutes, 120 by default, reset by every call
 * that enables it, cleared by ECS at expiry; only for tasks of a service (TASK_NOT_VALID otherwise);
 * DEPLOYMENT_BLOCKED when "the service has more protected tasks than the desired count of tasks for the
 * service". How that limit counts is not documented; {@link Rules#strictProtectionLimit()} chooses the
 * reading. How soon the scheduler acts after an expiry is not documented either
 * ({@link Rules#protectionExpiryDelay()}, at once by default).
 */
final class Protection {
    static final int DEFAULT_MINUTES = 120;
    static final int MIN_MINUTES = 1;
    static final int MAX_MINUTES = 2880;

    private final FleetModel m;

    Protection(FleetModel m) {
        this.m = m;
    }

    List<ProtectionResult> update(List<TaskState> tasks, boolean enabled, Integer expiresInMinutes) {
        int minutes = expiresInMinutes != null ? expiresInMinutes : DEFAULT_MINUTES;
        if (enabled && (minutes < MIN_MINUTES || minutes > MAX_MINUTES)) {
            throw new IllegalArgumentException("expiresInMinutes must be between 1 and 2880");
        }
        List<ProtectionResult> out = new ArrayList<>();
        Set<ServiceState> touched = new LinkedHashSet<>();
        for (TaskState t : tasks) {
            ProtectionResult invalid = invalid(t);
            if (invalid != null) {
                out.add(invalid);
            } else if (!enabled) {
                t.protectionExpiresAt = null;
                t.protectionHeldUntil = null;
                touched.add(t.service);
                out.add(ProtectionResult.of(t));
            } else if (blocked(t)) {
                out.add(ProtectionResult.failure(t.arn, "DEPLOYMENT_BLOCKED", "The service has more protected tasks ("
                        + (protectedOthers(t) + 1) + ") than its desired count (" + t.service.desiredCount + ")."));
            } else {
                Instant expires = m.now().plus(Duration.ofMinutes(minutes));
                t.protectionExpiresAt = expires;
                t.protectionHeldUntil = null;
                m.schedule(expires, () -> lapse(t, expires));
                touched.add(t.service);
                out.add(ProtectionResult.of(t));
            }
        }
        for (ServiceState s : touched) m.scheduler.request(s);
        return out;
    }

    ProtectionResult get(TaskState t) {
        ProtectionResult invalid = invalid(t);
        return invalid != null ? invalid : ProtectionResult.of(t);
    }

    private static ProtectionResult invalid(TaskState t) {
        if (t.service == null) {
            return ProtectionResult.failure(t.arn, "TASK_NOT_VALID", "The task is not part of an Amazon ECS service.");
        }
        if (t.stopping()) return ProtectionResult.failure(t.arn, "TASK_NOT_VALID", "The task is stopping or stopped.");
        return null;
    }

    /**
     * Strict: refused once the protected tasks of the service, this one included, are at least the desired
     * count (so a renewal at count = desired fails). Lenient: refused only when enabling would leave more
     * protected PRIMARY tasks than desired (a renewal never adds one).
     */
    private boolean blocked(TaskState t) {
        int desired = t.service.desiredCount;
        if (m.rules().strictProtectionLimit()) {
            return protectedOthers(t) + (t.isProtected() ? 1 : 0) >= desired;
        }
        if (!t.deployment.primary()) return false;
        int primaryOthers = 0;
        for (TaskState o : t.service.tasks.values()) {
            if (o != t && !o.stopping() && o.isProtected() && o.deployment == t.deployment) primaryOthers++;
        }
        return primaryOthers + 1 > desired;
    }

    private static int protectedOthers(TaskState t) {
        int n = 0;
        for (TaskState o : t.service.tasks.values()) if (o != t && !o.stopping() && o.isProtected()) n++;
        return n;
    }

    /**
     * "After this time period lapses, the protectionEnabled parameter is set to false"; the scheduler acts on
     * it after {@link Rules#protectionExpiryDelay()}.
     */
    private void lapse(TaskState t, Instant expires) {
        if (!expires.equals(t.protectionExpiresAt)) return; // renewed or released since
        t.protectionExpiresAt = null;
        Duration delay = m.rules().protectionExpiryDelay();
        if (delay.isZero()) {
            m.scheduler.request(t.service);
            return;
        }
        Instant hold = m.now().plus(delay);
        t.protectionHeldUntil = hold;
        m.schedule(hold, () -> {
            if (hold.equals(t.protectionHeldUntil)) t.protectionHeldUntil = null;
            m.scheduler.request(t.service);
        });
    }
}

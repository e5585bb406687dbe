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
 * DEPLOYMENT_BLOCKED when it would leave the service with more protected tasks than its desired count
 * ("… it means the service has more protected tasks than the desired count of tasks for the service").
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
                touched.add(t.service);
                out.add(ProtectionResult.of(t));
            } else if (protectedOthers(t) + 1 > t.service.desiredCount) {
                out.add(ProtectionResult.failure(t.arn, "DEPLOYMENT_BLOCKED", "The service has more protected tasks ("
                        + (protectedOthers(t) + 1) + ") than its desired count (" + t.service.desiredCount + ")."));
            } else {
                Instant expires = m.now().plus(Duration.ofMinutes(minutes));
                t.protectionExpiresAt = expires;
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

    private static int protectedOthers(TaskState t) {
        int n = 0;
        for (TaskState o : t.service.tasks.values()) if (o != t && !o.stopping() && o.isProtected()) n++;
        return n;
    }

    /** "After this time period lapses, the protectionEnabled parameter is set to false." */
    private void lapse(TaskState t, Instant expires) {
        if (!expires.equals(t.protectionExpiresAt)) return; // renewed or released since
        t.protectionExpiresAt = null;
        m.scheduler.request(t.service);
    }
}

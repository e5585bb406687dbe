package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The two protection states an operator must notice: a protected task with no calls (it blocks
 * scale-in and deployments for nothing, and counts toward DEPLOYMENT_BLOCKED), and a busy task whose
 * protection runs out within 10 minutes (its calls are exposed to the next scale-in or deploy).
 */
public final class ProtectionWarnings {
    public static final Duration EXPIRY_WARNING = Duration.ofMinutes(10);

    private ProtectionWarnings() {
    }

    public static Optional<String> of(TaskSnapshot t, Instant now) {
        Protection p = t.protection();
        if (p.state() != Protection.State.ON || !t.calls().known()) return Optional.empty();
        if (t.calls().count() == 0) return Optional.of("protected but idle: blocks scale-in and deployments");
        return p.expiresAt().filter(e -> Duration.between(now, e).compareTo(EXPIRY_WARNING) < 0)
                .map(e -> "protection expires in " + Math.max(0, Duration.between(now, e).toMinutes()) + " min with "
                        + t.calls().count() + " calls on the task");
    }
}

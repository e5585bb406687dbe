package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guard mode's decision for one service at one instant (DESIGN.md §2): busy tasks are kept protected,
 * the lease renewed before it runs low; idle tasks are released after a short hysteresis, so ECS
 * scale-in and deployments only ever stop idle tasks. Tasks whose calls are unknown are never released
 * (and only renewed), because releasing blind could cut calls.
 */
public final class GuardPolicy {
    /** Lease length, how early to renew, and how long a task must stay idle before it is released. */
    public record Settings(Duration lease, Duration renewBefore, Duration idleHysteresis) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(60), Duration.ofMinutes(20),
                Duration.ofMinutes(2));

        public Settings {
            if (lease.toMinutes() < 1 || lease.toMinutes() > ProtectionActions.MAX_MINUTES) {
                throw new IllegalArgumentException("guard lease must be 1–2880 minutes");
            }
            if (renewBefore.compareTo(lease) >= 0) throw new IllegalArgumentException("renew before the lease ends");
        }
    }

    /** What to do now, and the idle clocks to carry to the next decision. */
    public record Decision(List<String> protect, List<String> release, Map<String, Instant> idleSince) {
        public boolean nothing() {
            return protect.isEmpty() && release.isEmpty();
        }
    }

    private final Settings settings;

    public GuardPolicy(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public Decision decide(ServiceSnapshot service, Map<String, Instant> idleSince, Instant now) {
        List<String> protect = new ArrayList<>();
        List<String> release = new ArrayList<>();
        Map<String, Instant> idle = new HashMap<>();
        for (TaskSnapshot t : service.tasks()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) continue;
            Protection p = t.protection();
            boolean on = p.state() == Protection.State.ON;
            boolean expiring = on && p.expiresAt().map(e -> Duration.between(now, e).compareTo(settings.renewBefore()) <= 0)
                    .orElse(false);
            if (!t.calls().known()) {
                if (expiring) protect.add(t.arn());
                continue;
            }
            if (t.calls().count() > 0) {
                if (!on || expiring) protect.add(t.arn());
            } else {
                Instant since = idleSince.getOrDefault(t.arn(), now);
                idle.put(t.arn(), since);
                if (on && Duration.between(since, now).compareTo(settings.idleHysteresis()) >= 0) release.add(t.arn());
            }
        }
        return new Decision(protect, release, idle);
    }
}

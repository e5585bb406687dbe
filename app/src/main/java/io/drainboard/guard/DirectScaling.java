package io.drainboard.guard;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.drain.DirectCount;
import io.drainboard.drain.ServiceScaling;
import io.drainboard.drain.SessionHeadroom;
import io.drainboard.fleet.ServiceSnapshot;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The guard service's leader sets a service's desired count itself, once a minute, from the headroom's aim
 * ({@link DirectCount}: up at once, down only after the aim stayed below the count for {@code scaleInAfter} readings,
 * to the most it asked for in them), clamped to the service's scalable target's [min, max]. Application Auto Scaling
 * keeps only scale-out-only policies on the target, so the two writers never pull against each other
 * (docs/guard-service.md, "Direct scaling"; docs/scaling.md).
 * <p>
 * It writes nothing on a reading it cannot trust (a failed read, a running task whose calls are unknown), during a
 * deployment (more than one deployment, or a rollout holds the lock), without a scalable target, or in a read-only
 * profile; each write is audited before it is sent ({@link ServiceScaling}). Not thread-safe: one pass at a time.
 */
public final class DirectScaling {
    static final Duration EVERY = Duration.ofMinutes(1);
    /** The rollout lock's tag, from the fleet package both read it through (rollout sits beside guard, not below it). */
    static final String ROLLOUT_LOCK_TAG = ServiceSnapshot.ROLLOUT_LOCK_TAG;

    /** @param readings how many readings (minutes) the aim must stay below the count before it is lowered */
    public record Settings(int readings, Duration lead, double share) {
        public SessionHeadroom headroom() {
            return SessionHeadroom.of(lead, share);
        }
    }

    private record Counter(int min, int max, DirectCount count) {
    }

    private final Settings settings;
    private final SessionHeadroom headroom;
    private final ServiceScaling scaling;
    private final Function<String, ScalableTargetGateway> targets;
    private final boolean readOnly;
    private final Map<String, Instant> nextAt = new HashMap<>();
    private final Map<String, Counter> counters = new HashMap<>();
    /** Per service, the last reason nothing was written: logged when it changes, not every minute. */
    private final Map<String, String> refused = new HashMap<>();

    /**
     * @param targets  the scalable-target gateway for a service's ARN (its account and region)
     * @param readOnly a read-only profile: nothing is ever written
     */
    public DirectScaling(Settings settings, ServiceScaling scaling, Function<String, ScalableTargetGateway> targets,
                         boolean readOnly) {
        this.settings = settings;
        this.headroom = settings.headroom();
        this.scaling = scaling;
        this.targets = targets;
        this.readOnly = readOnly;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * One leader's reading of one service. {@code figures} empty: a running task's calls are unknown.
     *
     * @param readable whether the service's and its cluster's reads succeeded
     * @param ramp     sessions a minute, from the leader's ramp of this service
     * @return the log line, when it wrote or its reason not to changed
     */
    Optional<String> pass(ServiceSnapshot s, Optional<SessionFigures> figures, boolean readable, double ramp, Instant now) {
        Instant due = nextAt.get(s.arn());
        if (due != null && now.isBefore(due)) return Optional.empty();
        nextAt.put(s.arn(), now.plus(EVERY));
        if (readOnly) return refuse(s, "the profile is read-only");
        if (!readable) return refuse(s, "the last read failed");
        if (figures.isEmpty()) return refuse(s, "a running task's calls are unknown");
        SessionFigures f = figures.get();
        if (f.capacity().isEmpty()) return refuse(s, "no " + SessionFigures.CAPACITY_TAG + " tag (sessions a task takes)");
        if (s.deploying()) return refuse(s, "a deployment is in progress (" + s.deployments().size() + " deployments)");
        if (s.tags().containsKey(ROLLOUT_LOCK_TAG)) return refuse(s, "a rollout holds the lock");
        Optional<ScalableTargetGateway.Scaling> target;
        try {
            target = targets.apply(s.arn()).describe(s.clusterName(), s.name());
        } catch (SdkException | IllegalStateException e) {
            return refuse(s, "cannot read the scalable target: " + e.getMessage());
        }
        if (target.isEmpty()) {
            return refuse(s, "no scalable target registered (register one with its min and max, and scale-out-only policies)");
        }
        int min = target.get().minCapacity(), max = target.get().maxCapacity();
        Counter c = counters.get(s.arn());
        if (c == null || c.min() != min || c.max() != max) {
            c = new Counter(min, max, new DirectCount(settings.readings(), min, max));
            counters.put(s.arn(), c);
        }
        int sessions = f.activeSessions(), capacity = f.capacity().get();
        int aim = headroom.tasksNeeded(sessions, ramp, capacity);
        int next = c.count().next(s.desiredCount(), aim);
        String why = String.format(Locale.ROOT, "aim %d tasks (sessions %d, ramp %.1f/min, headroom %.0f sessions,"
                + " %d a task; target [%d, %d])", aim, sessions, ramp, headroom.sessions(sessions, ramp, capacity),
                capacity, min, max);
        if (next < 0 || next == s.desiredCount()) {
            refused.remove(s.arn());
            return Optional.empty();
        }
        String err = scaling.setDesired(s.arn(), s.clusterName(), s.name(), s.desiredCount(), next,
                "guard service direct scaling: " + why);
        refused.remove(s.arn());
        return Optional.of("direct scaling: desired count " + s.desiredCount() + " → " + next
                + (next > s.desiredCount() ? " (up at once)" : " (aim below the count for " + settings.readings() + " readings)")
                + ": " + why + (err == null ? "" : "; failed: " + err));
    }

    private Optional<String> refuse(ServiceSnapshot s, String why) {
        if (why.equals(refused.put(s.arn(), why))) return Optional.empty();
        return Optional.of("direct scaling: nothing set: " + why);
    }
}

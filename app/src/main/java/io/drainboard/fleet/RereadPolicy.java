package io.drainboard.fleet;

import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which listed tasks must be described again this refresh. ECS has no conditional reads, but most of a
 * settled task is fixed and what can still change shows up elsewhere:
 * <ul>
 *   <li>stopping (StopTask, scale-in, deployment, its essential container exiting) sets desiredStatus
 *       STOPPED, which moves it from the RUNNING list to the STOPPED list — a list change we see;</li>
 *   <li>a STOPPED task never changes again (ECS API Reference "Task": lastStatus STOPPED is final);</li>
 *   <li>protection is read separately every refresh.</li>
 * </ul>
 * What a settled task can still change unseen is its health (HEALTHY → UNHEALTHY, after which ECS
 * replaces a service task anyway) and non-essential containers, so it is re-read on a rolling basis
 * ({@link ReadSettings#settledTaskMaxAge()}). Everything not settled is described every refresh.
 */
final class RereadPolicy {
    private RereadPolicy() {
    }

    /** Why a listed task is (or is not) described this refresh. */
    enum Need {
        /** New, unsettled or stopping: described whatever it costs. */
        MUST,
        /** Settled, and its data has aged: described when the refresh's budget allows ({@link RereadBudget}). */
        DUE,
        /** Settled and fresh: shown as last described. */
        FRESH
    }

    static boolean needsDescribe(KnownTask known, DesiredStatus listedAs, Instant now, long refresh, ReadSettings s,
                                 Optional<TaskDefinition> td) {
        return need(known, listedAs, now, refresh, s, td) != Need.FRESH;
    }

    static Need need(KnownTask known, DesiredStatus listedAs, Instant now, long refresh, ReadSettings s,
                     Optional<TaskDefinition> td) {
        if (known == null) return Need.MUST;
        String last = known.task().lastStatus();
        if (listedAs == DesiredStatus.STOPPED) return "STOPPED".equals(last) ? Need.FRESH : Need.MUST;
        if (!"RUNNING".equals(known.task().desiredStatus())) return Need.MUST;
        if (!"RUNNING".equals(last)) return Need.MUST;
        String health = known.task().healthStatusAsString();
        boolean checked = td.map(RereadPolicy::hasHealthCheck).orElse(true);
        if (checked ? !"HEALTHY".equals(health) : "UNHEALTHY".equals(health)) return Need.MUST;
        if (refresh - known.refresh() >= s.settledTaskMaxRefreshes()) return Need.DUE;
        return Duration.between(known.describedAt(), now).compareTo(spread(s.settledTaskMaxAge(), known.task().taskArn())) >= 0
                ? Need.DUE : Need.FRESH;
    }

    static boolean hasHealthCheck(TaskDefinition td) {
        return td.containerDefinitions().stream().anyMatch(c -> c.healthCheck() != null);
    }

    /** Between half and all of {@code maxAge}, fixed per task, so tasks read together are re-read apart. */
    static Duration spread(Duration maxAge, String arn) {
        double f = 0.5 + 0.5 * (Math.floorMod(arn.hashCode(), 1000) / 1000.0);
        return Duration.ofNanos((long) (maxAge.toNanos() * f));
    }
}

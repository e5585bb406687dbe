package io.drainboard.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When SIGKILL comes for a task ECS is stopping. ECS sends SIGTERM when the task enters STOPPING and
 * SIGKILL stopTimeout later (ECS API Reference "ContainerDefinition" stopTimeout; "Task" stoppingAt: "the
 * time when the task transitions from the RUNNING state to STOPPING"). A task behind a load balancer is
 * first deregistered (DEACTIVATING) and gets SIGTERM only after the target group's deregistration delay
 * (ECS Developer Guide "Amazon ECS task lifecycle" and "Optimize load balancer connection draining
 * parameters"), which ECS does not report, so the kill time is a range until SIGTERM is seen.
 */
final class KillClocks {
    private KillClocks() {
    }

    /**
     * @param stoppingAt        ECS's stoppingAt, or when the console first saw the task told to stop
     * @param firstSeenStopping when the console first saw lastStatus STOPPING (SIGTERM was sent by then)
     */
    static Optional<KillClock> of(String lastStatus, String desiredStatus, Instant stoppingAt, StopTimeout stopTimeout,
                                  boolean loadBalanced, Instant firstSeenStopping, Duration deregistrationDelay,
                                  Instant now) {
        if (!"STOPPED".equals(desiredStatus) || stoppingAt == null) return Optional.empty();
        if ("DEPROVISIONING".equals(lastStatus) || "STOPPED".equals(lastStatus)) return Optional.empty(); // exited
        Duration st = Duration.ofSeconds(stopTimeout.seconds());
        String timeout = "stopTimeout " + stopTimeout.seconds() + " s";
        boolean sigtermSent = "STOPPING".equals(lastStatus);
        if (!loadBalanced) {
            if (sigtermSent || !"RUNNING".equals(lastStatus)) {
                Instant kill = stoppingAt.plus(st);
                return Optional.of(new KillClock(stoppingAt, Optional.of(stoppingAt), kill, kill, "stoppingAt + " + timeout));
            }
            // Told to stop, SIGTERM not yet seen: at the latest it goes out now.
            Instant latest = later(now, stoppingAt).plus(st);
            return Optional.of(new KillClock(stoppingAt, Optional.empty(), stoppingAt.plus(st), latest,
                    "SIGTERM pending, then " + timeout));
        }
        Instant latestSigterm = stoppingAt.plus(deregistrationDelay);
        if (sigtermSent && firstSeenStopping != null && firstSeenStopping.isBefore(latestSigterm)) {
            latestSigterm = later(firstSeenStopping, stoppingAt);
        }
        return Optional.of(new KillClock(stoppingAt, Optional.empty(), stoppingAt.plus(st), latestSigterm.plus(st),
                (sigtermSent ? "deregistered; SIGTERM sent, " : "deregistering from the load balancer (≤ "
                        + deregistrationDelay.toSeconds() + " s), then ") + timeout));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

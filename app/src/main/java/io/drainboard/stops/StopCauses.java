package io.drainboard.stops;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells why a task stopped from what ECS records on it (ECS Developer Guide "Amazon ECS stopped tasks
 * error codes"; API Reference "Task": stopCode is one of TaskFailedToStart, EssentialContainerExited,
 * UserInitiated, ServiceSchedulerInitiated, SpotInterruption, TerminationNotice).
 * <ul>
 * <li>ServiceSchedulerInitiated with "Scaling activity initiated by (deployment X)": the scheduler stops a
 * task of an older deployment to replace it (a <em>deployment</em>) or one of deployment X itself because
 * the desired count went down (<em>scale-in</em>); the task's startedBy is the deployment that launched it
 * (ECS sets startedBy to "ecs-svc/…" for service tasks). "Container instance … is being drained." is an
 * instance drain (Spot interruption draining or an operator).</li>
 * <li>Health-check and start failures, and an essential container exiting non-zero, are failures; exiting 0
 * is the worker leaving by itself (a drained LiveKit worker exits 0).</li>
 * </ul>
 */
public final class StopCauses {
    private static final Pattern SCHEDULER_DEPLOYMENT = Pattern.compile("\\(deployment ([^)]+)\\)");

    private StopCauses() {
    }

    public static StopCause classify(Optional<String> stopCode, Optional<String> stoppedReason,
                                     Optional<String> startedBy, Optional<Integer> exitCode) {
        String code = stopCode.orElse("");
        String reason = stoppedReason.orElse("");
        String lower = reason.toLowerCase(Locale.ROOT);
        switch (code) {
            case "SpotInterruption":
                return StopCause.SPOT;
            case "TerminationNotice":
                return lower.contains("spot") ? StopCause.SPOT : StopCause.INSTANCE;
            case "UserInitiated":
                return StopCause.USER;
            case "TaskFailedToStart":
                return StopCause.FAILURE;
            case "EssentialContainerExited":
                return exitCode.map(c -> c == 0 ? StopCause.WORKER_EXIT : StopCause.FAILURE).orElse(StopCause.FAILURE);
            case "ServiceSchedulerInitiated":
                return scheduler(lower, reason, startedBy);
            default:
                return lower.contains("health") ? StopCause.FAILURE : StopCause.UNKNOWN;
        }
    }

    private static StopCause scheduler(String lower, String reason, Optional<String> startedBy) {
        if (lower.contains("health check")) return StopCause.FAILURE; // "Task failed ELB health checks in …"
        if (lower.contains("container instance") && lower.contains("drain")) return StopCause.INSTANCE;
        Matcher m = SCHEDULER_DEPLOYMENT.matcher(reason);
        if (m.find() && startedBy.isPresent()) {
            return m.group(1).equals(startedBy.get()) ? StopCause.SCALE_IN : StopCause.DEPLOYMENT;
        }
        return StopCause.UNKNOWN;
    }
}

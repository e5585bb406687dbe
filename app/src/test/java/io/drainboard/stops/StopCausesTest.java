package io.drainboard.stops;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StopCausesTest {
    private static StopCause of(String code, String reason, String startedBy, Integer exit) {
        return StopCauses.classify(Optional.ofNullable(code), Optional.ofNullable(reason), Optional.ofNullable(startedBy),
                Optional.ofNullable(exit));
    }

    @Test
    void theSchedulerReplacingAnOlderDeploymentsTaskIsADeployment() {
        assertEquals(StopCause.DEPLOYMENT, of("ServiceSchedulerInitiated",
                "Scaling activity initiated by (deployment ecs-svc/222)", "ecs-svc/111", 137));
    }

    @Test
    void theSchedulerStoppingATaskOfTheCurrentDeploymentIsAScaleIn() {
        assertEquals(StopCause.SCALE_IN, of("ServiceSchedulerInitiated",
                "Scaling activity initiated by (deployment ecs-svc/222)", "ecs-svc/222", 0));
    }

    @Test
    void otherCodes() {
        assertEquals(StopCause.USER, of("UserInitiated", "Task stopped by user", "ecs-svc/1", 137));
        assertEquals(StopCause.SPOT, of("SpotInterruption", "Your Spot Task was interrupted.", null, 137));
        assertEquals(StopCause.INSTANCE, of("TerminationNotice", "Instance i-0abc terminated", null, null));
        assertEquals(StopCause.INSTANCE, of("ServiceSchedulerInitiated", "Container instance i-0abc is being drained.",
                "ecs-svc/1", 0));
        assertEquals(StopCause.FAILURE, of("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group x)",
                "ecs-svc/1", 137));
        assertEquals(StopCause.FAILURE, of("TaskFailedToStart", "CannotPullContainerError", null, null));
        assertEquals(StopCause.FAILURE, of("EssentialContainerExited", "Essential container in task exited", "ecs-svc/1", 1));
        assertEquals(StopCause.WORKER_EXIT, of("EssentialContainerExited", "Essential container in task exited", "ecs-svc/1", 0));
        assertEquals(StopCause.UNKNOWN, of(null, null, null, null));
    }
}

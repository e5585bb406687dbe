package io.drainboard.drain;

import java.time.Duration;

/**
 * How one drain is to be run.
 *
 * @param finish          STOP: StopTask once idle (the service replaces it); RELEASE: drop protection once
 *                        idle and let a deployment or scale-in take it
 * @param deadline        the operator's deadline from the start of the drain
 * @param onDeadline      what happens when the deadline passes with calls still on the task
 * @param lease           protection lease, renewed while draining; ECS's own expiry is the safety net
 * @param riskBar         for cordon NONE: stop when P(all current calls end within stopTimeout) ≥ this
 */
public record DrainPlan(CordonMethod method, Finish finish, Duration deadline, DeadlinePolicy onDeadline,
                        Duration lease, Duration renewBefore, double riskBar) {
    public enum Finish { STOP, RELEASE }

    public enum DeadlinePolicy { ALERT_AND_EXTEND, ASK_TO_FORCE }

    public static DrainPlan defaults(CordonMethod method) {
        return new DrainPlan(method, Finish.STOP, Duration.ofMinutes(45), DeadlinePolicy.ALERT_AND_EXTEND,
                Duration.ofMinutes(60), Duration.ofMinutes(20), 0.999);
    }
}

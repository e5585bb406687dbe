package io.drainboard.sim.ec2autoscaling;

import java.time.Duration;

/**
 * A lifecycle hook (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LifecycleHook.html). With a
 * termination hook, a leaving instance waits in Terminating:Wait until someone completes the action or
 * the heartbeat timeout passes, then the default result applies; the wait can be extended by heartbeats
 * up to the global timeout, 100 × the heartbeat timeout or 48 hours, whichever is smaller
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks-overview.html).
 */
public record LifecycleHook(String name, String transition, Duration heartbeatTimeout, String defaultResult) {
    public static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";
    public static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
    /** The API's default heartbeat timeout (PutLifecycleHook: 3600 s). */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3600);

    public Duration globalTimeout() {
        Duration hundred = heartbeatTimeout.multipliedBy(100);
        Duration cap = Duration.ofHours(48);
        return hundred.compareTo(cap) < 0 ? hundred : cap;
    }
}

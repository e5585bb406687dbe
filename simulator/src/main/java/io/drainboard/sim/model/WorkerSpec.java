package io.drainboard.sim.model;

import java.time.Duration;

/**
 * How the LiveKit agent worker in a service's tasks behaves: how many calls one worker takes at once,
 * how long it waits for running jobs after SIGTERM (agents' drain_timeout; 3600 s default in Python
 * agents ≥ 1.6.5 and in JS, shared/reference/livekit.md §1.3), its runtime (which decides the exit code
 * of the second-signal kill: Python {@code os._exit(1)}, Node 143, livekit.md §1.1 and §9.2), the share of
 * workers that ignore SIGTERM (livekit/agents#6724), whether it serves the drain route (DESIGN.md §3
 * {@code http}) and the ECS Exec command that reaches it with SIGTERM (DESIGN.md §3 {@code exec-signal}).
 */
public record WorkerSpec(int capacity, Duration drainTimeout, String agentName, boolean attributeTaskArn,
                         Runtime runtime, double ignoreSigtermFraction, boolean drainRoute, String signalCommand) {
    /** The command that signals PID 1 when the worker runs as PID 1 (exec form or under tini). */
    public static final String DEFAULT_SIGNAL_COMMAND = "kill -TERM 1";

    public enum Runtime {
        PYTHON, NODE;

        /** Exit code after the second signal: Python os._exit(1); Node's default handler → 128 + 15. */
        int secondSignalExitCode() {
            return this == PYTHON ? 1 : 143;
        }
    }

    public WorkerSpec {
        if (capacity < 1) throw new IllegalArgumentException("worker capacity must be >= 1");
        if (ignoreSigtermFraction < 0 || ignoreSigtermFraction > 1) {
            throw new IllegalArgumentException("ignoreSigtermFraction must be between 0 and 1");
        }
        if (runtime == null) runtime = Runtime.PYTHON;
        if (signalCommand == null || signalCommand.isBlank()) signalCommand = DEFAULT_SIGNAL_COMMAND;
    }

    /**
     * @param attributeTaskArn false models a worker without the docs' snippet: its calls cannot be
     *                         attributed to a task
     */
    public WorkerSpec(int capacity, Duration drainTimeout, String agentName, boolean attributeTaskArn) {
        this(capacity, drainTimeout, agentName, attributeTaskArn, Runtime.PYTHON, 0, false, DEFAULT_SIGNAL_COMMAND);
    }

    public WorkerSpec(int capacity, Duration drainTimeout, String agentName) {
        this(capacity, drainTimeout, agentName, true);
    }
}

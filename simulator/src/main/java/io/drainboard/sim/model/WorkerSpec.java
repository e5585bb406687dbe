package io.drainboard.sim.model;

import java.time.Duration;

/**
 * How the LiveKit agent worker in a service's tasks behaves: how many calls one worker takes at once,
 * how long it waits for running jobs after SIGTERM (agents' drain_timeout; 3600 s default in Python
 * agents ≥ 1.6.5 and in JS, docs/livekit-facts.md#signals), its runtime (which decides the exit code
 * of the second-signal kill: Python {@code os._exit(1)}, Node 143, docs/livekit-facts.md#signals), the share of
 * workers that ignore SIGTERM (livekit/agents#6724), whether it serves the drain route (docs/worker-snippets.md) and the ECS Exec command that reaches it with SIGTERM (docs/exec-signal.md),
 * and whether it serves the lean route (docs/worker-snippets.md) and the load it reports while leaned.
 *
 * @param leanRoute the worker serves {@code POST /lean} next to the drain route (the docs' snippet has both;
 *                  false models a worker with an older snippet: drain route only)
 * @param leanLoad  the load a leaned worker reports at least (its load_fnc's floor, docs/livekit-facts.md#dispatch); below
 *                  the worker's load_threshold, so a leaned worker stays available. The simulated worker is
 *                  full only at capacity (load 1), so the snippet's floor for such a worker is 0.99
 */
public record WorkerSpec(int capacity, Duration drainTimeout, String agentName, boolean attributeTaskArn,
                         Runtime runtime, double ignoreSigtermFraction, boolean drainRoute, String signalCommand,
                         boolean leanRoute, double leanLoad) {
    /** The docs' snippet for a worker whose load is jobs / capacity and that is full only at capacity. */
    public static final double DEFAULT_LEAN_LOAD = 0.99;

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
        if (leanLoad < 0 || leanLoad >= 1) throw new IllegalArgumentException("leanLoad must be at least 0 and below 1");
    }

    /** A worker with the docs' snippet serves the lean route wherever it serves the drain route. */
    public WorkerSpec(int capacity, Duration drainTimeout, String agentName, boolean attributeTaskArn,
                      Runtime runtime, double ignoreSigtermFraction, boolean drainRoute, String signalCommand) {
        this(capacity, drainTimeout, agentName, attributeTaskArn, runtime, ignoreSigtermFraction, drainRoute, signalCommand,
                drainRoute, DEFAULT_LEAN_LOAD);
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

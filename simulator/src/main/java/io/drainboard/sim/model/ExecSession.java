package io.drainboard.sim.model;

import java.time.Instant;

/**
 * An ECS Exec session the model accepted (API Reference "ExecuteCommand", "Session"). Unless the model
 * defers exec commands to the data channel, the command's effect on the worker (SIGTERM) is applied
 * when the session is accepted; {@code signalledWorker} says whether it was.
 */
public record ExecSession(String sessionId, String tokenValue, String taskArn, String containerName, String command,
                          Instant startedAt, boolean signalledWorker) {
}

package io.drainboard.sim.ecs;

import io.drainboard.sim.model.ExecSession;

/**
 * Where an accepted ExecuteCommand session's data channel lives: registers the session with the
 * Session Manager data-channel server and returns its streamUrl.
 */
@FunctionalInterface
public interface ExecChannels {
    String open(ExecSession session);
}

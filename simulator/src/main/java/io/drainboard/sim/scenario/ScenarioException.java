package io.drainboard.sim.scenario;

/**
 * A scenario that cannot be used: one line naming the file (and line) and what is wrong, never the file's
 * content, which could be anything a mistyped path points at.
 */
public final class ScenarioException extends IllegalArgumentException {
    public ScenarioException(String message) {
        super(message);
    }
}

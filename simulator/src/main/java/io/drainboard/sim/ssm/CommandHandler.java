package io.drainboard.sim.ssm;

/**
 * What the simulated container does with a command: the command ExecuteCommand was given, or a line the
 * client typed into a shell session. Called on a websocket worker thread, once per command.
 */
@FunctionalInterface
public interface CommandHandler {
    CommandResult run(String command);
}

package io.drainboard.sim.ssm;

import java.util.OptionalInt;

/**
 * What a command printed and, optionally, its exit status. ECS Exec runs commands as InteractiveCommands
 * on a pseudo-terminal, which sends no exit status (amazon-ssm-agent shell.go executeCommandsWithPty); only
 * the NonInteractiveCommands plugin sends one (shell.go sendExitCode), so an ExecuteCommand wiring should use
 * {@link #output}.
 */
public record CommandResult(String output, OptionalInt exitCode) {

    /** ECS Exec's case: output, no exit status. */
    public static CommandResult output(String output) {
        return new CommandResult(output, OptionalInt.empty());
    }

    /** The NonInteractiveCommands case: the agent also sends "EXIT_CODE: n". */
    public static CommandResult exited(String output, int exitCode) {
        return new CommandResult(output, OptionalInt.of(exitCode));
    }
}

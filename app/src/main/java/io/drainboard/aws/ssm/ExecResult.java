package io.drainboard.aws.ssm;

import java.util.OptionalInt;

/**
 * What one ECS Exec command produced. ECS Exec runs commands as an InteractiveCommands session on a
 * pseudo-terminal, which reports no exit code (amazon-ssm-agent shell.go executeCommandsWithPty); only
 * NonInteractiveCommands sessions send one ("EXIT_CODE: n", shell.go sendExitCode).
 *
 * @param output          what the command printed (stdout and stderr, as the terminal showed them)
 * @param exitCode        the command's exit status when the agent sent one
 * @param ending          how the channel ended
 * @param closingMessage  the service's channel_closed Output (empty on a normal end)
 * @param agentVersion    the SSM agent's version from its handshake, empty when it skipped the handshake
 */
public record ExecResult(String output, OptionalInt exitCode, Ending ending, String closingMessage,
                         String agentVersion) {

    public enum Ending {
        /** The service sent channel_closed: the command finished and the session ended. */
        CHANNEL_CLOSED,
        /** The agent sent the command's exit code; Drainboard closed the channel itself. */
        EXIT_CODE
    }
}

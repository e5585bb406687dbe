package io.drainboard.aws.ssm;

/**
 * An ECS Exec command that could not run or whose outcome is unknown, in words an operator can act on.
 * Messages never contain the session token.
 */
public final class ExecFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The task or its service was started without enableExecuteCommand. */
        EXEC_NOT_ENABLED,
        /** The caller's IAM identity may not call ecs:ExecuteCommand. */
        NOT_PERMITTED,
        /** ECS says the task's SSM agent is not connected to Session Manager. */
        AGENT_NOT_CONNECTED,
        /** ExecuteCommand itself failed for another reason (cluster, task, container, throttling). */
        EXECUTE_COMMAND_FAILED,
        /** The websocket to the Session Manager endpoint could not be opened. */
        CANNOT_CONNECT,
        /** The service closed the channel before the agent spoke: bad or expired token. */
        TOKEN_REJECTED,
        /** The channel opened but the SSM agent never answered. */
        AGENT_SILENT,
        /** The agent asked for something Drainboard cannot do (KMS encryption, port forwarding). */
        SESSION_REFUSED,
        /** The channel broke after the agent answered and before the command finished. */
        CONNECTION_LOST,
        /** The agent answered but the command did not finish in time. */
        TIMED_OUT,
        /** The service sent something that is not the Session Manager protocol. */
        PROTOCOL,
        /** The console was shutting the work down. */
        INTERRUPTED,
        /** No client of the console reaches the task's account and region: ExecuteCommand was not sent. */
        NO_REGION
    }

    private final Kind kind;

    public ExecFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ExecFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the command may have run. A lost channel or a timeout after the agent answered may have
     * delivered the signal, so the caller must verify before sending it again.
     */
    public boolean outcomeUnknown() {
        return kind == Kind.CONNECTION_LOST || kind == Kind.TIMED_OUT;
    }
}

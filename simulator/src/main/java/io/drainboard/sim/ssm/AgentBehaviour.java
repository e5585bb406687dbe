package io.drainboard.sim.ssm;

/** How the simulated SSM agent behind one session acts: normal, or one of the faults an operator meets. */
public enum AgentBehaviour {
    /** Handshake, run the command, stream its output, close the channel. */
    NORMAL,
    /** The channel opens but the agent never sends anything (agent stopped, no route to ssmmessages). */
    SILENT,
    /** The TCP connection is reset (no close frame) once the command has run and the client has caught up. */
    DROP_AFTER_COMMAND,
    /** The client's first input message is lost on the way, so the client must send it again. */
    LOSE_FIRST_INPUT,
    /** The agent asks for KMS session encryption (cluster executeCommandConfiguration.kmsKeyId). */
    REQUEST_KMS_ENCRYPTION
}

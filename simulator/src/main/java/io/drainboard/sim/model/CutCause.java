package io.drainboard.sim.model;

/** Why a live call ended before the caller hung up. */
public enum CutCause {
    /** ECS sent SIGKILL when stopTimeout ran out after its SIGTERM. */
    SIGKILL,
    /** A second SIGTERM/SIGINT: Python os._exit(1), JS exit 143 (livekit.md §1.1, §9.2). */
    SECOND_SIGNAL,
    /** The EC2 instance under the task went away. */
    INSTANCE_TERMINATION,
    /** drain_timeout passed with jobs still running; the worker shut them down (cli.py: "drain timed out, forcing shutdown"). */
    DRAIN_TIMEOUT,
    /** A LiveKit API call closed it: DeleteRoom ("disconnects everyone") or RemoveParticipant of its agent. */
    ROOM_CLOSED
}

package io.drainboard.drain;

/** Where a task's drain stands: protect → cordon → wait for calls = 0 → stop or release → replacement. */
public enum DrainPhase {
    PROTECTING, CORDONING, WAITING,
    /** Something looks wrong (a call started on a cordoned task, the deadline passed): nothing proceeds until the operator decides. */
    HELD,
    STOPPING, RELEASING, AWAITING_REPLACEMENT, DONE, CANCELLED, FAILED;

    public boolean finished() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }
}

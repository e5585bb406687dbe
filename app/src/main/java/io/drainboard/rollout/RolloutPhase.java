package io.drainboard.rollout;

/** Where a rollout stands, as the operator reads it. */
public enum RolloutPhase {
    LOCKING("taking the lock"), PREPARING("preparing"), REPLACING("replacing tasks"), PAUSED("paused"),
    ABORTING("aborting"), FINISHING("restoring"), COMPLETED("completed"), STOPPED("stopped");

    private final String words;

    RolloutPhase(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean ended() {
        return this == COMPLETED || this == STOPPED;
    }
}

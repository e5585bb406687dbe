package io.drainboard.rollout;

import io.drainboard.profile.Profile;

/**
 * An open profile as a rollout needs it: the composition root ({@code io.drainboard.Console}) is one and hands
 * it in, so that nothing in this package reaches up to it.
 */
public interface RolloutHost extends AutoCloseable {
    /** A rollout's parts on this profile: its ECS clients of every region, one read of its fleet, its audit log. */
    RolloutWiring rolloutWiring(RolloutJournal journal);

    @Override
    void close();

    /** Opens a profile for a rollout; {@code recordHistory} false opens or makes no history file (a dry run). */
    @FunctionalInterface
    interface Opener {
        RolloutHost open(Profile profile, boolean recordHistory);
    }
}

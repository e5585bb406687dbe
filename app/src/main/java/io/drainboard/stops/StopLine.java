package io.drainboard.stops;

import java.util.Optional;

/**
 * One task's stop reduced to what an outcome says about it (see {@link TaskOutcome#line()}), small enough to be
 * kept in a rollout's journal and summed up after a restart.
 *
 * @param old      the task was one the operation set out to replace or remove (not a newcomer)
 * @param problem  the words for a stop that was not simply clean and ours; empty otherwise
 */
public record StopLine(String taskId, boolean old, boolean clean, boolean callsUnknown, int likelyCut,
                       Optional<String> problem) {
}

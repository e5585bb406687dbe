package io.drainboard.drain;

import java.time.Instant;
import java.util.List;

/**
 * A safe scale-in as the operator sees it: where it stands, the desired count it started from and aims
 * at, each chosen task's drain, why it waits, and every alarm.
 *
 * @param stops     how each removed task stopped, as observed (the outcome: clean only if seen so for each)
 * @param givenBack chosen tasks that will not be removed (their drain failed, or abort came before their
 *                  cordon): the desired count was raised back by this many
 */
public record ScaleInStatus(String cluster, String service, int requested, Phase phase, int fromDesired,
                            int targetDesired, int givenBack, List<DrainStatus> drains, Instant startedAt,
                            String reason, List<String> alarms, io.drainboard.stops.StopsSummary stops) {
    public enum Phase {
        /** The chosen tasks are draining; ECS waits to stop them (every task protected, desired count lowered). */
        DRAINING,
        /** Done: the chosen tasks are gone, the others' protection is back as it was (or with guard mode). */
        DONE,
        /** Stopped before every chosen task was removed (abort, desired count changed elsewhere, a failure). */
        STOPPED;

        public boolean finished() {
            return this != DRAINING;
        }
    }

    public ScaleInStatus {
        drains = List.copyOf(drains);
        alarms = List.copyOf(alarms);
    }

    public String serviceKey() {
        return cluster + "/" + service;
    }
}

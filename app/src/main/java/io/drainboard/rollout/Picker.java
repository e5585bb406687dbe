package io.drainboard.rollout;

import io.drainboard.drain.CutRisk;
import io.drainboard.drain.IdleSoonest;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which outgoing task to drain next: the one predicted idle soonest ({@link IdleSoonest}). A task whose
 * calls are unknown is never picked: the console does not act blind.
 */
final class Picker {
    private Picker() {
    }

    static Optional<IdleSoonest.Pick> next(List<TaskSnapshot> candidates, Instant now, CutRisk risk) {
        return IdleSoonest.rank(candidates.stream().filter(t -> t.calls().known()).toList(), now, risk)
                .stream().findFirst();
    }
}

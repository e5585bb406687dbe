package io.drainboard.ui.model;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.common.Formats;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a rollout has waited minutes for a replacement's first call, and what the operator can do. The rollout
 * drains the next old task only once a replacement has taken calls for its gate (docs/rollout.md); LiveKit gives a
 * job to a worker that registered, picked at random weighted by 1 − load (docs/livekit-facts.md), so an idle
 * replacement gets the next call about as often as an idle old task. A replacement with no call after minutes while
 * the old tasks took new ones has most likely not registered; one with no call while nobody took one waits for
 * traffic.
 */
public final class FirstCallWait {
    /** Before this a replacement without a call is ordinary (start-up, then the first dispatch). */
    public static final Duration HINT_AFTER = Duration.ofMinutes(5);

    private FirstCallWait() {
    }

    /**
     * @param waitingFor the rollout's own "waiting for …" words (the hint is given only while it waits for a first call)
     * @param toLabel    the revision rolled out ("support-agent:42")
     */
    public static Optional<String> hint(String waitingFor, String toLabel, ServiceSnapshot svc, Instant now) {
        if (!waitingFor.contains("waiting for its first call")) return Optional.empty();
        List<TaskSnapshot> waiting = svc.tasks().stream()
                .filter(t -> t.revisionLabel().equals(toLabel) && "RUNNING".equals(t.lastStatus()) && !t.stopping())
                .filter(t -> t.calls() instanceof TaskCalls.Known k && k.count() == 0)
                .filter(t -> t.startedAt().map(s -> !s.plus(HINT_AFTER).isAfter(now)).orElse(false))
                .sorted(Comparator.comparing(t -> t.startedAt().orElseThrow()))
                .toList();
        if (waiting.isEmpty()) return Optional.empty();
        TaskSnapshot first = waiting.get(0);
        Instant since = first.startedAt().orElseThrow();
        String ran = "Replacement " + first.id() + " has run " + Formats.span(Duration.between(since, now))
                + " without a call";
        List<TaskSnapshot> others = svc.tasks().stream().filter(t -> !t.revisionLabel().equals(toLabel)
                && "RUNNING".equals(t.lastStatus())).toList();
        boolean eachCallSeen = others.stream().allMatch(t -> t.calls() instanceof TaskCalls.Known k
                && k.calls().size() == k.count());
        String meanwhile = " The old tasks stay protected while it waits.";
        if (!eachCallSeen) {
            return Optional.of(ran + "; this call source gives counts only, so the console cannot tell whether calls"
                    + " reach the other tasks. Check its worker's log for \"registered worker\" (LIVEKIT_URL, API key and"
                    + " agent name of " + toLabel + "); roll back if it never registers." + meanwhile);
        }
        long newElsewhere = others.stream().flatMap(t -> t.calls().calls().stream()).map(ActiveCall::startedAt)
                .filter(s -> s.isAfter(since)).count();
        if (newElsewhere > 0) {
            return Optional.of(ran + " while the old tasks took at least " + newElsewhere + " new "
                    + (newElsewhere == 1 ? "call" : "calls") + ": LiveKit is not giving it jobs. Its worker has most likely"
                    + " not registered: check its log for \"registered worker\" and the LIVEKIT_URL, API key and agent name"
                    + " of " + toLabel + "; roll back if it never registers." + meanwhile);
        }
        return Optional.of(ran + ", and no new call reached the other tasks either: the service has no traffic now. The"
                + " rollout needs one call on the replacement before it drains the next old task: wait, or pause and"
                + " resume when calls come back." + meanwhile);
    }
}

package io.drainboard.stops;

import io.drainboard.fleet.ContainerSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * The exit code that tells how a task ended: 137 (128 + SIGKILL) if any container was killed, else the
 * first non-zero one, else 0. A task lost with its host reports none.
 */
public final class ExitCodes {
    /** SIGKILL after stopTimeout (Docker reports 128 + 9). */
    public static final int SIGKILL = 137;

    private ExitCodes() {
    }

    public static Optional<Integer> of(List<ContainerSnapshot> containers) {
        return pick(containers.stream().map(ContainerSnapshot::exitCode).flatMap(Optional::stream).toList());
    }

    public static Optional<Integer> pick(List<Integer> codes) {
        if (codes.contains(SIGKILL)) return Optional.of(SIGKILL);
        for (Integer c : codes) if (c != 0) return Optional.of(c);
        return codes.isEmpty() ? Optional.empty() : Optional.of(0);
    }

    /**
     * The worker died with whatever calls it had rather than finishing them: SIGKILL, a second signal
     * (Python agents exit 1 by os._exit, Node 143; docs/livekit-facts.md#signals), a crash, or the host
     * going away (no exit code; stopCode TerminationNotice or SpotInterruption). Exit 0 is a worker that
     * left by itself after its calls (LiveKit's drain), so it cut nothing we can see.
     */
    public static boolean killed(Optional<Integer> exit, Optional<String> stopCode) {
        if (exit.isPresent()) return exit.get() != 0;
        String code = stopCode.orElse("");
        return code.equals("TerminationNotice") || code.equals("SpotInterruption");
    }

    /**
     * At least one call was on the task when it was SIGKILLed: a draining LiveKit worker exits 0 as soon as
     * its last call ends (agents worker.py drain), so ECS only needs SIGKILL for a worker that still had one.
     */
    public static int lowerBound(Optional<Integer> exit) {
        return exit.isPresent() && exit.get() == SIGKILL ? 1 : 0;
    }
}

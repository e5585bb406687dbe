package io.drainboard.drain;

/**
 * What became of a cordon. UNCERTAIN: the request may have reached the worker (an ECS Exec session that was
 * started but not confirmed); it is treated as sent, because a second signal kills a LiveKit worker. WAITING:
 * nothing was sent yet, and the cordon is to be asked again shortly (the signal waits for its mark to show in
 * ECS's reads, see {@link SignalMark}); not a failure.
 */
public record CordonOutcome(Kind kind, String message) {
    public enum Kind { SENT, NOT_SENT, UNCERTAIN, WAITING }

    public static CordonOutcome sent() {
        return new CordonOutcome(Kind.SENT, "");
    }

    public static CordonOutcome notSent(String why) {
        return new CordonOutcome(Kind.NOT_SENT, why);
    }

    public static CordonOutcome waiting(String why) {
        return new CordonOutcome(Kind.WAITING, why);
    }

    public static CordonOutcome uncertain(String why) {
        return new CordonOutcome(Kind.UNCERTAIN, why);
    }
}

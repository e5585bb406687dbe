package io.drainboard.drain;

import io.drainboard.aws.ServiceTagGateway;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The mark an ECS Exec signal leaves on its task, written before the signal is sent: a tag
 * {@code drainboard:signalled = at=… by=user@host pid=… nonce=…} on the task (ECS tags tasks like any other
 * resource; API Reference "TagResource"). Every console, engine and machine reads it before it signals, so a
 * worker is never signalled twice, whoever sent the first one (a rollout, another engine, the console's safe
 * drain): a second SIGTERM kills a LiveKit worker with its calls. ECS has no conditional write and its reads may
 * lag a write ("the result of an API command … might not be immediately visible", API Reference "RunTask"), so
 * the signal waits until the mark written shows in a read: of two writers the one whose mark stands once both
 * writes show sends the signal; the other, and anyone later, sees a mark not its own and never signals.
 * A mark that has not shown within {@link #SHOWS_WITHIN} is written again (nothing was sent meanwhile).
 */
public final class SignalMark {
    public static final String TAG = "drainboard:signalled";

    /** A mark not seen in ECS's reads this long after it was written is taken as lost and written again. */
    static final java.time.Duration SHOWS_WITHIN = java.time.Duration.ofMinutes(1);

    /** What a claim found: MINE (send the signal now), OTHER (marked by someone else: never send), WAITING. */
    public record Claim(Kind kind, String mark) {
        public enum Kind { MINE, OTHER, WAITING }
    }

    private record Written(String mark, java.time.Instant at) {
    }

    private final ServiceTagGateway tags;
    private final Clock clock;
    private final String by;
    /** This process's marks written and not yet seen in a read, by task ARN. */
    private final Map<String, Written> written = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param by who signals, "user@host pid=N" (letters, digits and {@code _ . : / = + - @} only: tag values) */
    public SignalMark(ServiceTagGateway tags, Clock clock, String by) {
        this.tags = tags;
        this.clock = clock;
        this.by = by.replaceAll("[^A-Za-z0-9 _.:/=+\\-@]", "_");
    }

    /** The standard mark for this process: the OS user, host and pid. */
    public static SignalMark of(ServiceTagGateway tags, Clock clock) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return new SignalMark(tags, clock, System.getProperty("user.name", "unknown") + "@" + host + " pid="
                + ProcessHandle.current().pid());
    }

    /** The task's mark, if it was signalled before. @throws software.amazon.awssdk.core.exception.SdkException */
    public Optional<String> read(String taskArn) {
        return Optional.ofNullable(tags.tags(taskArn).get(TAG));
    }

    /**
     * Claims the task for one signal: reads its mark; if none shows, writes this signal's mark (once) and reads it
     * back. MINE only when this process's mark is what ECS reads now; the caller then signals. Called again while
     * WAITING, it writes nothing new until {@link #SHOWS_WITHIN} has passed.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the mark cannot be read or written
     */
    public synchronized Claim claim(String taskArn) {
        Optional<String> seen = read(taskArn);
        if (seen.isPresent()) return seenNow(taskArn, seen.get());
        Written w = written.get(taskArn);
        if (w != null && clock.instant().isBefore(w.at().plus(SHOWS_WITHIN))) return new Claim(Claim.Kind.WAITING, w.mark());
        String mine = "at=" + clock.instant() + " by=" + by + " nonce=" + java.util.UUID.randomUUID().toString().substring(0, 8);
        if (mine.length() > 256) mine = mine.substring(mine.length() - 256);
        tags.tag(taskArn, TAG, mine);
        written.put(taskArn, new Written(mine, clock.instant()));
        Optional<String> back = read(taskArn);
        return back.map(v -> seenNow(taskArn, v)).orElseGet(() -> new Claim(Claim.Kind.WAITING, written.get(taskArn).mark()));
    }

    private Claim seenNow(String taskArn, String mark) {
        Written w = written.remove(taskArn);
        return new Claim(w != null && w.mark().equals(mark) ? Claim.Kind.MINE : Claim.Kind.OTHER, mark);
    }
}

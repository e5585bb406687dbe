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
 * drain): a second SIGTERM kills a LiveKit worker with its calls. ECS has no conditional write, so the mark is
 * read back after writing and only the writer whose mark stands sends the signal.
 */
public final class SignalMark {
    public static final String TAG = "drainboard:signalled";

    private final ServiceTagGateway tags;
    private final Clock clock;
    private final String by;

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
     * Writes this signal's mark and reads it back; true when it stands (no one else marked the task meanwhile).
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the mark cannot be written or read
     */
    public boolean claim(String taskArn) {
        String mine = "at=" + clock.instant() + " by=" + by + " nonce=" + java.util.UUID.randomUUID().toString().substring(0, 8);
        if (mine.length() > 256) mine = mine.substring(mine.length() - 256);
        tags.tag(taskArn, TAG, mine);
        Map<String, String> now = tags.tags(taskArn);
        return mine.equals(now.get(TAG));
    }
}

package io.drainboard.guard;

import io.drainboard.drain.GuardLease;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One service's leadership ({@link GuardLease}, the {@code drainboard:guard} tag on the service), read from each
 * refresh's DescribeServices tags: write the lease when nobody holds a live one, lead once the tag read back is ours,
 * renew it (the heartbeat) while leading, stand by while another replica's lease is live, take over once it lapses.
 * ECS has no conditional write, so of two replicas writing at once the one whose tag stands leads; a tag that still
 * shows what was there before our write is read-after-write lag (ECS reads may trail a write by seconds), not a
 * rival, until {@link #LAG} has passed.
 */
final class LeaseKeeper {
    /** How long a read may trail our own write before a tag that is not ours means we lost. */
    static final Duration LAG = Duration.ofSeconds(60);

    /** What the pass should do. */
    enum Role { LEAD, STAND_BY, TAKING }

    /** This pass's role, the lease to write (if any) and who leads otherwise. */
    record Step(Role role, Optional<GuardLease> write, Optional<GuardLease> other) {
    }

    private final String id;
    private final String host;
    private final Duration ttl;
    private Instant wroteAt;
    /** When this replica last wrote its lease (a take or a renewal). */
    private Instant lastWrite;
    private boolean leading;

    LeaseKeeper(String id, String host, Duration ttl) {
        this.id = id;
        this.host = host;
        this.ttl = ttl;
    }

    boolean leading() {
        return leading;
    }

    /**
     * @param tags the service's tags as this refresh read them
     * @param lag  how old the reading is (the heartbeat carries it)
     */
    Step step(Map<String, String> tags, Instant now, Duration lag) {
        Optional<GuardLease> seen = GuardLease.of(tags);
        GuardLease mine = new GuardLease(id, host, now.plus(ttl), now, lag);
        if (seen.isPresent() && seen.get().id().equals(id)) {
            leading = seen.get().live(now);
            if (!leading) return take(mine, now); // our own lease lapsed (a long pause): take it again
            boolean renew = Duration.between(seen.get().at(), now).compareTo(ttl.dividedBy(3)) >= 0;
            if (renew) lastWrite = now;
            return new Step(Role.LEAD, renew ? Optional.of(mine) : Optional.empty(), Optional.empty());
        }
        boolean justWrote = wroteAt != null && Duration.between(wroteAt, now).compareTo(LAG) < 0;
        if (seen.isPresent() && seen.get().live(now)) {
            boolean olderThanOurWrite = justWrote && seen.get().at().isBefore(wroteAt);
            leading = false;
            if (olderThanOurWrite) return new Step(Role.TAKING, Optional.empty(), seen); // our write not visible yet
            wroteAt = null;
            return new Step(Role.STAND_BY, Optional.empty(), seen);
        }
        leading = false;
        if (justWrote) return new Step(Role.TAKING, Optional.empty(), seen); // absent or lapsed: wait to read ours
        return take(mine, now);
    }

    private Step take(GuardLease mine, Instant now) {
        leading = false;
        wroteAt = now;
        lastWrite = now;
        return new Step(Role.TAKING, Optional.of(mine), Optional.empty());
    }

    /**
     * Whether the lease on the service is this leader's to remove (shutdown), given a fresh read of the tag: ours by
     * id, or a lease written before our last write — a read that trails our write (read-after-write lag), not a
     * rival who took over since.
     */
    boolean mayResign(Optional<GuardLease> read) {
        if (!leading) return false;
        if (read.isEmpty() || read.get().id().equals(id)) return true;
        return lastWrite != null && read.get().at().isBefore(lastWrite);
    }

    /** The lease we wrote was not written after all (the tag call failed): write it again on the next pass. */
    void writeFailed() {
        wroteAt = null;
    }
}

package io.drainboard.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service's rollout lock (a tag, see {@link LockHolder}): written, then confirmed on the next pass
 * (ECS has no conditional write, so of two consoles writing at once the one whose tag stands wins), renewed
 * while the rollout runs, removed at the end. A lock whose console stopped renewing it expires.
 */
final class LockKeeper {
    private final RolloutContext c;

    LockKeeper(RolloutContext c) {
        this.c = c;
    }

    /** Returns whether the rollout holds the lock now; false also when it has just ended the rollout. */
    boolean hold() {
        if (!c.has(Step.LOCK_WRITTEN)) {
            write("take the service's rollout lock");
            return false;
        }
        Optional<LockHolder> holder = read();
        if (holder == null) return c.has(Step.LOCKED);
        boolean ours = holder.map(h -> h.lockId().equals(c.m.lockId)).orElse(false);
        if (!c.has(Step.LOCKED)) {
            if (ours) {
                c.done(Step.LOCKED);
                c.journal("done: lock confirmed (" + holder.get().describe() + ")");
                return true;
            }
            boolean nobodyElse = holder.map(h -> !h.live(c.now)).orElse(true);
            if (nobodyElse && writtenRecently()) {
                // ECS reads can lag a write (API Reference "RunTask"): our tag may not show yet; read again next pass.
                c.waiting = "waiting for the rollout lock just written to show in ECS's reads";
                return false;
            }
            lost(holder);
            return false;
        }
        if (!ours && holder.map(h -> h.live(c.now)).orElse(false)) {
            lost(holder);
            return false;
        }
        Duration left = c.m.lockUntil == null ? Duration.ZERO : Duration.between(c.now, c.m.lockUntil);
        if (!ours || left.compareTo(c.m.spec.settings().lockTtl().dividedBy(2)) < 0) write("renew the rollout lock");
        return true;
    }

    /** Our lock tag was written less than {@link Replacer#OWN_WRITE_GRACE} ago. */
    private boolean writtenRecently() {
        if (c.m.lockUntil == null) return false;
        Instant written = c.m.lockUntil.minus(c.m.spec.settings().lockTtl());
        return c.now.isBefore(written.plus(Replacer.OWN_WRITE_GRACE));
    }

    /** Removes our tag if it is still ours. */
    boolean release() {
        if (!c.has(Step.LOCK_WRITTEN)) return true;
        Optional<LockHolder> holder = read();
        if (holder == null) return false;
        if (holder.isEmpty() || !holder.get().lockId().equals(c.m.lockId)) return true;
        return c.act("remove the rollout lock", () -> c.fx.untag(c.m.spec.serviceArn(), LockHolder.TAG,
                "rollout " + c.m.id + " ended"));
    }

    /** The lock's holder; null when it could not be read (retried next pass). */
    private Optional<LockHolder> read() {
        try {
            return LockHolder.of(c.fx.tags(c.m.spec.serviceArn()));
        } catch (RolloutEffects.StepFailed e) {
            c.lastError = e.getMessage();
            return null;
        }
    }

    private void write(String what) {
        Optional<LockHolder> holder = read();
        if (holder == null) return;
        if (holder.isPresent() && holder.get().live(c.now) && !holder.get().lockId().equals(c.m.lockId)) {
            lost(holder);
            return;
        }
        if (holder.isPresent() && !holder.get().live(c.now) && !holder.get().lockId().equals(c.m.lockId)) {
            c.journal("taking over a stale lock: " + holder.get().describe());
        }
        LockHolder mine = new LockHolder(c.m.owner, c.m.host, c.now.plus(c.m.spec.settings().lockTtl()), c.m.lockId, c.m.id);
        if (c.act(what, () -> c.fx.tag(c.m.spec.serviceArn(), LockHolder.TAG, mine.tagValue(),
                "rollout " + c.m.id + " holds the service"))) {
            c.m.lockUntil = mine.until();
            c.done(Step.LOCK_WRITTEN);
        }
    }

    private void lost(Optional<LockHolder> holder) {
        String who = holder.map(LockHolder::describe).orElse("nobody (our tag was removed)");
        c.m.endedAt = c.now;
        c.m.outcome = RolloutOutcome.STOPPED;
        c.m.endReason = "the service's rollout lock is held by " + who + ": another console is rolling this service."
                + (c.has(Step.LOCKED) ? " This rollout stopped where it was; what it changed is left to that rollout." : "")
                + " Wait for it to finish (or for its lock to expire), then try again.";
        c.journal("stopped: " + c.m.endReason);
    }
}

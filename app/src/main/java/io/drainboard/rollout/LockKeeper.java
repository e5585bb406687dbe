package io.drainboard.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service's rollout lock (a tag, see {@link LockHolder}): written, then confirmed on the next pass
 * (ECS has no conditional write, so of two consoles writing at once the one whose tag stands wins), renewed
 * while the rollout runs, removed at the end. A lock whose console stopped renewing it expires. The tag names
 * the engine process: a resumed engine (same rollout and lock id) takes the lock over only from an engine that
 * is gone — on this host, a process that no longer runs — and otherwise stops without acting, so one rollout
 * never has two engines.
 */
final class LockKeeper {
    private final RolloutContext c;

    LockKeeper(RolloutContext c) {
        this.c = c;
    }

    /** Returns whether the rollout holds the lock now; false also when it has just ended (or refused) the rollout. */
    boolean hold() {
        if (c.has(Step.UNLOCKED)) return true; // removed at the end: nothing is left to guard
        if (!c.has(Step.LOCK_WRITTEN)) {
            write("take the service's rollout lock");
            return false;
        }
        Optional<LockHolder> holder = read();
        if (holder == null) return c.has(Step.LOCKED);
        boolean ours = holder.map(this::ours).orElse(false);
        if (!c.has(Step.LOCKED)) {
            if (ours) {
                c.done(Step.LOCKED);
                c.journal("done: lock confirmed (" + holder.get().describe() + ")");
                return true;
            }
            // Nobody else holds it (or only this rollout's engine that is gone): ECS reads can lag a write (API
            // Reference "RunTask"), so our tag may not show yet; read again next pass rather than write it again.
            boolean nobodyElse = holder.map(h -> !h.live(c.now) || (sameRollout(h) && ownerGone(h))).orElse(true);
            if (nobodyElse && writtenRecently()) {
                c.waiting = "waiting for the rollout lock just written to show in ECS's reads";
                return false;
            }
            if (holder.isPresent() && sameRollout(holder.get())) {
                write("take the rollout lock over from engine " + holder.get().proc());
            } else {
                lost(holder);
            }
            return false;
        }
        if (!ours && holder.map(h -> h.live(c.now)).orElse(false)) {
            if (sameRollout(holder.get())) refuse(holder.get());
            else lost(holder);
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
        if (holder.isEmpty() || !ours(holder.get())) return true;
        return c.act("remove the rollout lock", () -> c.fx.untag(c.m.spec.serviceArn(), LockHolder.TAG,
                "rollout " + c.m.id + " ended"));
    }

    private boolean ours(LockHolder h) {
        return h.lockId().equals(c.m.lockId) && h.proc().equals(c.proc);
    }

    /** The tag is this rollout's, written by another engine (before a crash, or another process resuming it). */
    private boolean sameRollout(LockHolder h) {
        return h.lockId().equals(c.m.lockId);
    }

    /**
     * The engine named in the tag is known to be gone: on this host, its process no longer runs (or, for an
     * engine of this process, it ended or died). On another host nothing tells: its lock must expire first.
     */
    static boolean ownerGone(LockHolder h) {
        if (!h.host().equals(LockHolder.clean(RolloutEngine.host()))) return false;
        if (h.pid() == ProcessHandle.current().pid()) return !JournalClaim.alive(h.proc());
        if (h.pid() <= 0) return true; // a tag without a process, from this host: this data directory's claim is ours
        return ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true);
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
        if (holder.isPresent() && !ours(holder.get())) {
            LockHolder h = holder.get();
            boolean live = h.live(c.now);
            if (live && sameRollout(h) && !ownerGone(h)) {
                refuse(h);
                return;
            }
            if (live && !sameRollout(h)) {
                lost(holder);
                return;
            }
            c.journal((live ? "taking over the lock of an engine that is gone: " : "taking over a stale lock: ") + h.describe());
        }
        LockHolder mine = new LockHolder(c.m.owner, c.m.host, c.now.plus(c.m.spec.settings().lockTtl()), c.m.lockId, c.m.id,
                c.proc, c.pid);
        if (c.actBeside(what, () -> c.fx.tag(c.m.spec.serviceArn(), LockHolder.TAG, mine.tagValue(),
                "rollout " + c.m.id + " holds the service"))) {
            c.m.lockUntil = mine.until();
            c.done(Step.LOCK_WRITTEN);
        }
    }

    /**
     * Another live engine drives this very rollout (its journal copied to another data directory or host): this
     * one stops at once without acting and without ending the rollout in the journal, which is not its to end.
     */
    private void refuse(LockHolder h) {
        c.refusedBecause = "refused: the rollout is driven by another live engine, " + h.describe() + " (engine "
                + h.proc() + "); this engine changed nothing and stopped. A second engine would signal the same workers";
    }

    private void lost(Optional<LockHolder> holder) {
        String who = holder.map(LockHolder::describe).orElse("nobody (our tag was removed)");
        c.m.endedAt = c.now;
        c.m.outcome = RolloutOutcome.STOPPED;
        c.m.endReason = "the service's rollout lock is held by " + who + ": another console is rolling this service."
                + (c.has(Step.LOCKED) ? " This rollout stopped where it was; what it changed is left to that rollout." : "")
                + " Wait for it to finish (or for its lock to expire), then try again.";
        c.journal("stopped: " + c.m.endReason);
        // It never held the service: nothing was changed, so the command was refused, not stopped midway.
        if (!c.has(Step.LOCKED)) c.refusedBecause = "refused: " + c.m.endReason;
    }
}

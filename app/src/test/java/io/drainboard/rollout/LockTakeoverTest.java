package io.drainboard.rollout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a resumed rollout may take its own lock over before the lock expires: only from an engine known to be gone
 * (on this host, a process that no longer runs). A live engine is never doubled (two engines would signal the same
 * workers); an engine on another host is not known to be gone, so its lock must expire first.
 */
class LockTakeoverTest {
    private static final Instant UNTIL = Instant.parse("2026-12-07T12:00:00Z");
    private static final String HERE = RolloutEngine.host();

    private static LockHolder holder(String host, String proc, long pid) {
        return new LockHolder("alice", host, UNTIL, "abcd1234", "r-1", proc, pid);
    }

    @Test
    void anEngineOnThisHostWhoseProcessEndedIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertTrue(LockKeeper.ownerGone(holder(HERE, "dead0001", p.pid())), "a process that exited");
    }

    @Test
    void anEngineOnThisHostWhoseProcessRunsIsNotGone() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertFalse(LockKeeper.ownerGone(holder(HERE, "live0001", parent)), "a running process");
    }

    @Test
    void anEngineOnAnotherHostIsNeverKnownToBeGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertFalse(LockKeeper.ownerGone(holder("another-host", "dead0002", p.pid())), "its pid means nothing here");
        assertFalse(LockKeeper.ownerGone(holder("another-host", "nopid", -1)));
    }

    @Test
    void aTagFromThisHostWithoutAProcessIsGone() {
        assertTrue(LockKeeper.ownerGone(holder(HERE, "?", -1)), "this data directory's claim is ours");
        assertTrue(LockKeeper.ownerGone(holder(HERE, "?", 0)));
    }

    @Test
    void anEngineOfThisVeryProcessIsGoneOnlyOnceItsClaimIsLetGo(@TempDir Path dir) {
        long me = ProcessHandle.current().pid();
        RolloutJournal journal = new RolloutJournal(dir);
        JournalClaim claim = journal.claim("voice/agent", "runs0001", "test engine");
        try {
            assertFalse(LockKeeper.ownerGone(holder(HERE, "runs0001", me)), "an engine of this process still running");
        } finally {
            claim.close();
            journal.close();
        }
        assertTrue(LockKeeper.ownerGone(holder(HERE, "runs0001", me)), "the same engine once it ended");
    }
}

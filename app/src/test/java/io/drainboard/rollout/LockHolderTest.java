package io.drainboard.rollout;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockHolderTest {
    @Test
    void theTagValueRoundTripsAndUsesOnlyCharactersEcsAllows() {
        LockHolder h = new LockHolder("jane doe;x", "host.example", Instant.parse("2026-11-23T03:10:00Z"), "ab12", "r-1");
        String v = h.tagValue();
        assertTrue(v.matches("[A-Za-z0-9 _.:/=+\\-@]*"), v);
        LockHolder back = LockHolder.of(Map.of(LockHolder.TAG, v)).orElseThrow();
        assertEquals("jane_doe_x", back.owner());
        assertEquals(h.until(), back.until());
        assertEquals("ab12", back.lockId());
        assertTrue(LockHolder.parse("garbage").isEmpty());
    }

    @Test
    void aLockRefusalNamesTheHoldersProcessOnlyWhenItIsKnown() {
        Instant until = Instant.parse("2026-11-23T03:10:00Z");
        // Another console's tag, or one written before engines were named: no process to name (pid -1).
        assertEquals("bob@ops-2 until 2026-11-23T03:10:00Z (rollout r-7)",
                new LockHolder("bob", "ops-2", until, "cd34", "r-7").describe());
        assertEquals("alice@laptop (process 4242) until 2026-11-23T03:10:00Z (rollout r-1)",
                new LockHolder("alice", "laptop", until, "ab12", "r-1", "e1", 4242).describe());
        assertEquals("alice@laptop (process 1) until 2026-11-23T03:10:00Z (rollout r-1)",
                new LockHolder("alice", "laptop", until, "ab12", "r-1", "e1", 1).describe(), "init's pid is a pid");
    }
}

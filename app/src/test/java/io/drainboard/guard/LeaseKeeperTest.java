package io.drainboard.guard;

import io.drainboard.drain.GuardLease;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One service's leadership lease as reads that may trail our writes (ECS's read-after-write lag) show it. */
class LeaseKeeperTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private static Map<String, String> tag(GuardLease l) {
        return Map.of(GuardLease.TAG, l.tagValue());
    }

    @Test
    void aReadThatStillShowsTheLapsedLeaderAfterOurWriteIsLagNotARival() {
        LeaseKeeper k = new LeaseKeeper("b", "host-b", TTL);
        GuardLease a = new GuardLease("a", "host-a", T0.plusSeconds(10), T0.minusSeconds(20), Duration.ZERO);
        LeaseKeeper.Step first = k.step(tag(a), T0.plusSeconds(11), Duration.ZERO);
        assertEquals(LeaseKeeper.Role.TAKING, first.role(), "a's lease lapsed: take it");
        assertTrue(first.write().isPresent());
        // The next read still shows a's lease, renewed by a just before it died, written before ours: lag, keep taking.
        GuardLease aLate = new GuardLease("a", "host-a", T0.plusSeconds(40), T0.plusSeconds(10), Duration.ZERO);
        assertEquals(LeaseKeeper.Role.TAKING, k.step(tag(aLate), T0.plusSeconds(12), Duration.ZERO).role());
        assertEquals(LeaseKeeper.Role.LEAD, k.step(tag(first.write().get()), T0.plusSeconds(13), Duration.ZERO).role());
    }

    @Test
    void onShutdownALeaseReadOlderThanOurLastWriteIsStillOursToRemoveOneWrittenSinceIsNot() {
        LeaseKeeper k = new LeaseKeeper("b", "host-b", TTL);
        GuardLease mine = k.step(Map.of(), T0, Duration.ZERO).write().orElseThrow();
        assertFalse(k.mayResign(Optional.of(mine)), "not leading yet: nothing to resign");
        assertEquals(LeaseKeeper.Role.LEAD, k.step(tag(mine), T0.plusSeconds(1), Duration.ZERO).role());
        assertTrue(k.mayResign(Optional.of(mine)));
        // A read trailing our write still shows the lease of the replica before us.
        GuardLease before = new GuardLease("a", "host-a", T0.plusSeconds(5), T0.minusSeconds(25), Duration.ZERO);
        assertTrue(k.mayResign(Optional.of(before)), "a read older than our write: the tag is ours now");
        GuardLease rival = new GuardLease("c", "host-c", T0.plusSeconds(40), T0.plusSeconds(10), Duration.ZERO);
        assertFalse(k.mayResign(Optional.of(rival)), "written after our last write: someone else's");
    }
}

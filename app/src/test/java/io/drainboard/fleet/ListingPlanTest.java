package io.drainboard.fleet;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingPlanTest {
    @Test
    void fullServicesAreListedSideBySide() {
        var last = new TaskMemory.Listing(2000, Map.of("a", 1000, "b", 1000));
        assertTrue(ListingPlan.perService(last, List.of("a", "b")), "10 + 10 pages = 20, longest 10 < 20");
        var hundreds = new TaskMemory.Listing(400, Map.of("a", 100, "b", 100, "c", 100, "d", 100));
        assertTrue(ListingPlan.perService(hundreds, List.of("a", "b", "c", "d")));
    }

    @Test
    void neverMorePagesThanTheClustersList() {
        var small = new TaskMemory.Listing(6, Map.of("a", 2, "b", 2, "c", 2));
        assertFalse(ListingPlan.perService(small, List.of("a", "b", "c")), "3 pages instead of 1");
        var ragged = new TaskMemory.Listing(300, Map.of("a", 150, "b", 150));
        assertFalse(ListingPlan.perService(ragged, List.of("a", "b")), "2 + 2 pages instead of 3");
        var one = new TaskMemory.Listing(250, Map.of("a", 250));
        assertFalse(ListingPlan.perService(one, List.of("a")), "the same chain: nothing gained");
    }

    @Test
    void aServiceNotSeenBeforeCountsAsOnePage() {
        var last = new TaskMemory.Listing(300, Map.of("a", 100, "b", 100, "c", 100));
        assertTrue(ListingPlan.perService(last, List.of("a", "b", "c")));
        assertFalse(ListingPlan.perService(last, List.of("a", "b", "c", "new")), "4 pages instead of 3");
        assertFalse(ListingPlan.perService(last, List.of()));
    }

    @Test
    void namesComeFromTheServiceArns() {
        assertEquals(List.of("agent", "dialer"), ListingPlan.names(List.of(
                "arn:aws:ecs:us-east-1:123456789012:service/voice/agent", "arn:aws:ecs:us-east-1:123456789012:service/voice/dialer")));
    }
}

package io.drainboard.guard;

import io.drainboard.drain.ChosenScaleIns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard service logs a waiting release once per reason, not on every refresh it keeps waiting. */
class ChosenScaleInLogTest {
    private static ChosenScaleIns.Pass waits(String why) {
        return new ChosenScaleIns.Pass(List.of(), List.of(), List.of(), Optional.of(why), Optional.empty());
    }

    @Test
    void aReasonToWaitIsSaidOnceAndAgainWhenItChangesOrSomethingIsDone() {
        String up = "ECS waits to stop no task (running 4, desired 4): 356b21f2 stays protected, cordoned";
        assertTrue(GuardService.worthALine(waits(up), null), "the first time");
        assertTrue(GuardService.worthALine(waits(up), ""), "after a pass with no wait");
        assertFalse(GuardService.worthALine(waits(up), up), "the same reason on the next refresh");
        assertTrue(GuardService.worthALine(waits("a deployment runs: 356b21f2 stays protected"), up), "a new reason");
        assertTrue(GuardService.worthALine(new ChosenScaleIns.Pass(List.of(), List.of("arn"), List.of(), Optional.of(up),
                Optional.empty()), up), "a release is always said");
        assertFalse(GuardService.worthALine(new ChosenScaleIns.Pass(List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty()), up), "nothing done, nothing waits");
    }
}

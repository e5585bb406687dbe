package io.drainboard.stops;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CallsAtKillTest {
    static final Instant K = Instant.parse("2026-11-23T10:02:03Z");

    private static CallSample s(int secondsBeforeKill, int n, String... rooms) {
        return new CallSample(K.minusSeconds(secondsBeforeKill), n, List.of(rooms));
    }

    @Test
    void theLastReadingBeforeTheKillCounts() {
        CallsAtKill c = CallsAtKill.from(List.of(s(65, 4), s(5, 2, "a", "b"), s(-2, 0)), K, K, Optional.of(137), "livekit");
        assertEquals(2, c.seen().getAsInt());
        assertEquals(List.of("a", "b"), c.rooms());
        assertEquals(1, c.lower(), "SIGKILL means a draining worker still had a call");
        assertEquals(2, c.upper());
    }

    @Test
    void aReadingInsideTheKillWindowThatShowsTheCallsGoneCameAfterTheKill() {
        // Behind a load balancer the kill is a range until SIGTERM is seen: [K-20 s, K].
        CallsAtKill c = CallsAtKill.from(List.of(s(30, 3), s(10, 0)), K.minusSeconds(20), K, Optional.of(137), "livekit");
        assertEquals(3, c.seen().getAsInt());
    }

    @Test
    void aCleanExitHasNoLowerBound() {
        CallsAtKill c = CallsAtKill.from(List.of(s(30, 1)), K, K, Optional.of(0), "cloudwatch");
        assertEquals(0, c.lower());
    }

    @Test
    void noReadingBeforeTheKillIsUnknownNotZero() {
        CallsAtKill c = CallsAtKill.from(List.of(s(-30, 3)), K, K, Optional.of(137), "cloudwatch");
        assertFalse(c.known());
        assertEquals(1, c.upper(), "still at least one: it was SIGKILLed");
    }
}

package io.drainboard.fleet;

import io.drainboard.calls.ActiveCall;
import io.drainboard.calls.CallsReading;
import io.drainboard.calls.TaskCount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallsJoinTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final String A = "arn:task/a", B = "arn:task/b";

    @Test
    void liveKitListsEveryCallSoAnUnlistedTaskHasNone() {
        ActiveCall c = new ActiveCall("room-1", A, T.minusSeconds(90));
        CallsReading r = new CallsReading("livekit", T, Map.of(A, List.of(c)), 0, Optional.empty());
        TaskCalls a = CallsJoin.of(A, r, null, true);
        assertTrue(a.known());
        assertEquals(1, a.count());
        assertEquals(List.of(c), a.calls());
        assertEquals(Optional.of(T.minusSeconds(90)), a.oldestStart());
        TaskCalls b = CallsJoin.of(B, r, null, true);
        assertTrue(b.known());
        assertEquals(0, b.count());
    }

    @Test
    void aFailedSourceIsUnknownNeverZero() {
        TaskCalls t = CallsJoin.of(A, CallsReading.failed("livekit", T, "401"), null, true);
        assertEquals(new TaskCalls.Unknown("livekit", T, "401"), t);
        assertEquals(Optional.of("401"), t.error());
    }

    @Test
    void aFailedSourceKeepsTheLastAnswerMarkedStale() {
        TaskCalls before = new TaskCalls.Known(3, Optional.of(T.minusSeconds(600)), "livekit", T.minusSeconds(5), List.of());
        TaskCalls t = CallsJoin.of(A, CallsReading.failed("livekit", T, "timeout"), before, true);
        assertEquals(new TaskCalls.Stale((TaskCalls.Known) before, "timeout"), t);
        assertEquals(t, CallsJoin.of(A, CallsReading.failed("livekit", T, "timeout"), t, true), "stale stays the first answer");
        assertEquals(3, t.count());
        assertEquals(T.minusSeconds(5), t.observedAt(), "the age is the last answer's");
    }

    @Test
    void aPerTaskSourceWithoutAnAnswerForTheTaskIsUnknown() {
        CallsReading r = CallsReading.counts("worker", T, Map.of(A, TaskCount.of(2, T, OptionalDouble.of(0.5)),
                B, TaskCount.failed(T, "connection refused")));
        assertEquals(2, CallsJoin.of(A, r, null, true).count());
        assertFalse(CallsJoin.of(B, r, null, true).known());
        assertFalse(CallsJoin.of("arn:task/c", r, null, true).known(), "not asked and may have a worker");
        assertTrue(CallsJoin.of("arn:task/c", r, null, false).known(), "no worker process: no calls");
    }

    @Test
    void anOldMetricDatapointIsStaleWithItsValue() {
        CallsReading r = CallsReading.counts("cloudwatch", T, Map.of(A, new TaskCount(java.util.OptionalInt.of(4),
                T.minusSeconds(900), OptionalDouble.empty(), Optional.of("newest datapoint is 15 min old"))));
        TaskCalls t = CallsJoin.of(A, r, null, true);
        assertEquals(new TaskCalls.Stale(TaskCalls.Known.count(4, "cloudwatch", T.minusSeconds(900)),
                "newest datapoint is 15 min old"), t);
        assertEquals(4, t.count());
    }
}

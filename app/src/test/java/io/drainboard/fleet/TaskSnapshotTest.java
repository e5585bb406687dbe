package io.drainboard.fleet;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a snapshot diff counts as a change: every component of a task but when it was read. */
class TaskSnapshotTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Set<String> READ_TIMES = Set.of("describedAt", "calls");

    private static TaskSnapshot task() {
        return new TaskSnapshot("arn:aws:ecs:us-east-1:1:task/c/a", "a", "c", "s", "arn:td/s:1", "s", 1, "FARGATE",
                "us-east-1a", "RUNNING", "RUNNING", "HEALTHY", Optional.of(T), Optional.empty(), Protection.OFF,
                new TaskCalls.Known(2, Optional.empty(), "livekit", T, List.of()), new StopTimeout(30, "Fargate default"),
                List.of(new ContainerSnapshot("agent", "img:1", "RUNNING", Optional.empty(), Optional.empty(), "HEALTHY")),
                Optional.of("10.0.0.1"), Optional.of("ecs-svc/1"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), T, Map.of("team", "voice"));
    }

    @Test
    void readTimesAloneAreNoChange() throws Exception {
        TaskSnapshot a = task();
        TaskSnapshot later = with(with(a, "describedAt", T.plusSeconds(5)), "calls",
                new TaskCalls.Known(2, Optional.empty(), "livekit", T.plusSeconds(5), List.of()));
        assertTrue(a.sameStateAs(later));
        assertTrue(a.sameStateAs(a));
    }

    @Test
    void everyOtherComponentIsAChange() throws Exception {
        TaskSnapshot a = task();
        for (RecordComponent c : TaskSnapshot.class.getRecordComponents()) {
            if (READ_TIMES.contains(c.getName())) continue;
            TaskSnapshot b = with(a, c.getName(), other(c, c.getAccessor().invoke(a)));
            assertFalse(a.sameStateAs(b), c.getName() + " changed but the diff would not see it");
            assertFalse(b.sameStateAs(a), c.getName());
        }
        TaskSnapshot moreCalls = with(a, "calls", new TaskCalls.Known(3, Optional.empty(), "livekit", T, List.of()));
        assertFalse(a.sameStateAs(moreCalls), "another answer of the call source is a change");
    }

    /** A value of the component's type that differs from {@code v}. */
    private static Object other(RecordComponent c, Object v) {
        Class<?> type = c.getType();
        if (type == String.class) return v + "-other";
        if (type == int.class) return (Integer) v + 1;
        if (type == Protection.class) return Protection.UNKNOWN;
        if (type == StopTimeout.class) return new StopTimeout(120, "task definition");
        if (type == List.class) return List.of();
        if (type == Map.class) return Map.of("team", "other");
        if (type == Optional.class) {
            Object arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            Optional<?> o = (Optional<?>) v;
            if (o.isPresent()) return Optional.empty();
            if (arg == Instant.class) return Optional.of(T.plusSeconds(60));
            if (arg == String.class) return Optional.of("x");
            if (arg == KillClock.class) return Optional.of(new KillClock(T, Optional.of(T), T.plusSeconds(30),
                    T.plusSeconds(30), "stoppingAt + stopTimeout 30 s"));
        }
        throw new AssertionError("no other value for component " + c.getName() + " of type " + c.getGenericType()
                + ": add one here, and to sameStateAs");
    }

    private static TaskSnapshot with(TaskSnapshot t, String name, Object value) throws Exception {
        RecordComponent[] cs = TaskSnapshot.class.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = cs[i].getName().equals(name) ? value : cs[i].getAccessor().invoke(t);
        }
        Constructor<TaskSnapshot> canonical = TaskSnapshot.class.getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }
}

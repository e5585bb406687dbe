package io.drainboard.ui.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskFilterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    /** A row as the filter sees it: texts and numbers per column. */
    private record Row(Map<TaskFilter.Field, String> texts, Map<TaskFilter.Field, Double> numbers) implements TaskFilter.Subject {
        @Override
        public String text(TaskFilter.Field f) {
            return texts.getOrDefault(f, "");
        }

        @Override
        public OptionalDouble number(TaskFilter.Field f, Instant now) {
            Double d = numbers.get(f);
            return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
        }
    }

    private static final Row BUSY_OLD = new Row(Map.of(TaskFilter.Field.SERVICE, "support-agent",
            TaskFilter.Field.REVISION, "support-agent:41 · old", TaskFilter.Field.AZ, "us-east-1a",
            TaskFilter.Field.PROTECTION, "off", TaskFilter.Field.TASK, "3f2a9c"),
            Map.of(TaskFilter.Field.CALLS, 3.0, TaskFilter.Field.OLDEST, 900.0));
    private static final Row IDLE_NEW = new Row(Map.of(TaskFilter.Field.SERVICE, "sales-agent",
            TaskFilter.Field.REVISION, "sales-agent:18 · new", TaskFilter.Field.AZ, "us-east-1b",
            TaskFilter.Field.PROTECTION, "on · 55 m", TaskFilter.Field.TASK, "77bc01"),
            Map.of(TaskFilter.Field.CALLS, 0.0));

    private static boolean matches(String q, Row r) {
        TaskFilter f = TaskFilter.parse(q);
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        return f.test(r, NOW);
    }

    @Test
    void aBareWordLooksInEveryTextColumn() {
        assertTrue(matches("support", BUSY_OLD));
        assertFalse(matches("support", IDLE_NEW));
        assertTrue(matches("77BC", IDLE_NEW), "case does not matter");
    }

    @Test
    void columnTermsMatchTheirColumnOnly() {
        assertTrue(matches("rev:old az:1a", BUSY_OLD));
        assertFalse(matches("rev:old az:1b", BUSY_OLD), "all terms must match");
        assertTrue(matches("prot:off", BUSY_OLD));
        assertTrue(matches("svc:sales", IDLE_NEW), "aliases work");
    }

    @Test
    void numbersCompareWithOperatorsAndUnits() {
        assertTrue(matches("calls:>0", BUSY_OLD));
        assertFalse(matches("calls:>0", IDLE_NEW));
        assertTrue(matches("calls:0", IDLE_NEW));
        assertTrue(matches("calls:>=3 oldest:>10m", BUSY_OLD));
        assertFalse(matches("oldest:>15m", BUSY_OLD));
        assertTrue(matches("oldest:14m", BUSY_OLD), "a bare age means at least that old");
        assertFalse(matches("oldest:>0", IDLE_NEW), "no calls, no age: never matches a comparison");
    }

    @Test
    void anExclamationMarkNegates() {
        assertTrue(matches("!prot:on", BUSY_OLD));
        assertFalse(matches("!prot:on", IDLE_NEW));
    }

    @Test
    void mistakesAreReportedWithTheFixAndTheRestStillApplies() {
        TaskFilter f = TaskFilter.parse("colour:red calls:>x service:support");
        assertEquals(2, f.problems().size());
        assertTrue(f.problems().get(0).contains("unknown column 'colour'"));
        assertTrue(f.problems().get(0).contains("calls"), "it lists the columns to use");
        assertTrue(f.problems().get(1).contains("expected a number"));
        assertTrue(f.test(BUSY_OLD, NOW));
        assertFalse(f.test(IDLE_NEW, NOW));
    }

    @Test
    void anEmptyFilterMatchesEverything() {
        assertTrue(TaskFilter.parse("   ").isEmpty());
        assertTrue(TaskFilter.parse("").test(IDLE_NEW, NOW));
    }
}

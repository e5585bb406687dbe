package io.drainboard.ui.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The {@code /} filter: space-separated terms, all of which must match. A term is {@code text} (any
 * column contains it), {@code column:text}, {@code column:>n} / {@code <n} / {@code >=n} / {@code <=n} /
 * {@code =n} on numeric columns (calls; ages and countdowns in s, m or h), and {@code !} before a term
 * negates it. Like e1s and k9s, the filter stays in force across refreshes. Pure logic, no JavaFX.
 */
public final class TaskFilter {
    /** A filterable column, by the names an operator types. */
    public enum Field {
        TASK(false, "task", "id"), CLUSTER(false, "cluster"), SERVICE(false, "service", "svc"),
        REVISION(false, "rev", "revision"), AZ(false, "az", "zone"), LAUNCH(false, "launch", "lt"),
        STATUS(false, "status"), HEALTH(false, "health"), PROTECTION(true, "prot", "protection"),
        CALLS(true, "calls"), OLDEST(true, "oldest", "age"), DRAIN(false, "drain"), KILL(true, "kill");

        final boolean numeric;
        final List<String> names;

        Field(boolean numeric, String... names) {
            this.numeric = numeric;
            this.names = List.of(names);
        }

        public String typed() {
            return names.get(0);
        }

        static Field named(String s) {
            for (Field f : values()) if (f.names.contains(s)) return f;
            return null;
        }
    }

    /** What a filter reads from a row: the column's words, and its number (seconds for clocks) now. */
    public interface Subject {
        String text(Field field);

        OptionalDouble number(Field field, Instant now);
    }

    private record Term(Field field, String op, String value, double number, boolean negate) {
        boolean test(Subject s, Instant now) {
            return negate != matches(s, now);
        }

        private boolean matches(Subject s, Instant now) {
            if (field == null) {
                for (Field f : ANY) if (contains(s.text(f), value)) return true;
                return false;
            }
            if (op.isEmpty() || Double.isNaN(number)) return contains(s.text(field), value);
            OptionalDouble n = s.number(field, now);
            if (n.isEmpty()) return false;
            double v = n.getAsDouble();
            return switch (op) {
                case ">" -> v > number;
                case ">=" -> v >= number;
                case "<" -> v < number;
                case "<=" -> v <= number;
                default -> v == number;
            };
        }

        private static boolean contains(String haystack, String needle) {
            return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    /** Columns a bare word is looked for in. */
    private static final List<Field> ANY = List.of(Field.TASK, Field.CLUSTER, Field.SERVICE, Field.REVISION,
            Field.AZ, Field.LAUNCH, Field.STATUS, Field.HEALTH, Field.DRAIN);
    public static final TaskFilter NONE = new TaskFilter("", List.of(), List.of());

    private final String query;
    private final List<Term> terms;
    private final List<String> problems;

    private TaskFilter(String query, List<Term> terms, List<String> problems) {
        this.query = query;
        this.terms = terms;
        this.problems = problems;
    }

    public static TaskFilter parse(String query) {
        List<Term> terms = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String raw : query.trim().split("\\s+")) {
            if (raw.isEmpty()) continue;
            boolean negate = raw.startsWith("!");
            String t = (negate ? raw.substring(1) : raw).toLowerCase(Locale.ROOT);
            int colon = t.indexOf(':');
            if (colon <= 0) {
                if (!t.isEmpty()) terms.add(new Term(null, "", t, Double.NaN, negate));
                continue;
            }
            Field f = Field.named(t.substring(0, colon));
            if (f == null) {
                problems.add("unknown column '" + t.substring(0, colon) + "': use one of " + columnNames());
                continue;
            }
            String v = t.substring(colon + 1);
            String op = operator(v);
            String operand = v.substring(op.length());
            double number = Double.NaN;
            if (f.numeric && !operand.isEmpty()) {
                number = f == Field.CALLS ? parseCount(operand) : parseSeconds(operand);
                if (Double.isNaN(number) && !op.isEmpty()) {
                    problems.add("'" + raw + "': expected a number" + (f == Field.CALLS ? "" : " with s, m or h"));
                    continue;
                }
                // calls:3 means exactly 3; oldest:10m means at least 10 minutes old.
                if (op.isEmpty() && !Double.isNaN(number)) op = f == Field.CALLS ? "=" : ">=";
            } else if (!op.isEmpty()) {
                problems.add("'" + raw + "': " + f.typed() + " is not a number column; try " + f.typed() + ":" + operand);
                continue;
            }
            terms.add(new Term(f, op, op.isEmpty() ? v : operand, number, negate));
        }
        return new TaskFilter(query, List.copyOf(terms), List.copyOf(problems));
    }

    public boolean test(Subject s, Instant now) {
        for (Term t : terms) if (!t.test(s, now)) return false;
        return true;
    }

    /** True when a term reads a clock (oldest, prot, kill with a number): the answer changes as time passes. */
    public boolean readsClocks() {
        return terms.stream().anyMatch(t -> t.field() != null && t.field() != Field.CALLS && !Double.isNaN(t.number()));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public String query() {
        return query;
    }

    /** Terms that could not be understood, each saying how to fix it (the rest still apply). */
    public List<String> problems() {
        return problems;
    }

    public static String columnNames() {
        return Arrays.stream(Field.values()).map(Field::typed).collect(Collectors.joining(", "));
    }

    private static String operator(String v) {
        for (String op : List.of(">=", "<=", ">", "<", "=")) if (v.startsWith(op)) return op;
        return "";
    }

    private static double parseCount(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** "90", "90s", "10m", "1.5h" → seconds. */
    static double parseSeconds(String s) {
        double unit = 1;
        String n = s;
        if (s.endsWith("s")) n = s.substring(0, s.length() - 1);
        else if (s.endsWith("m")) { n = s.substring(0, s.length() - 1); unit = 60; }
        else if (s.endsWith("h")) { n = s.substring(0, s.length() - 1); unit = 3600; }
        try {
            return Double.parseDouble(n) * unit;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

package io.drainboard.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of one profile's fields. A bad value becomes a problem ("file:line: what to write
 * instead") and the default is used, so one pass reports every problem at once. Paths are
 * JSON-pointer-like ({@code /drain/budget}) and give the line through {@link LocatedYaml}.
 */
final class FieldReader {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** Longer than any sensible name, URL or command; longer values are refused without echoing them. */
    static final int MAX_TEXT = 2000;

    private final Path file;
    private final LocatedYaml yaml;
    private final List<String> problems = new ArrayList<>();

    FieldReader(Path file, LocatedYaml yaml) {
        this.file = file;
        this.yaml = yaml;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String path, String message) {
        problemAt(yaml.line(path), message);
    }

    void problemAt(int line, String message) {
        problems.add(file + ":" + (line > 0 ? line : 1) + ": " + message);
    }

    /**
     * The value of the key at {@code path}, or null when the key is absent. A key written with no value
     * ({@code readOnly: ~}, {@code readOnly:}, {@code null}) is a problem, never the default: the default may be
     * the weaker rail (writable, every cluster), and the operator wrote the key meaning something.
     */
    private JsonNode present(JsonNode parent, String path, String expected) {
        JsonNode n = parent.get(last(path));
        if (n == null) return null;
        if (n.isNull()) {
            problem(path, "'" + last(path) + "' has no value (~, null or nothing after the colon); write " + expected);
            return null;
        }
        return n;
    }

    Optional<JsonNode> object(JsonNode parent, String path) {
        JsonNode n = present(parent, path, "its keys indented below it, or remove it");
        if (n == null) return Optional.empty();
        if (!n.isObject()) {
            problem(path, "'" + last(path) + "' must be a mapping of keys (indented below it)");
            return Optional.empty();
        }
        return Optional.of(n);
    }

    Optional<String> text(JsonNode parent, String path) {
        return text(parent, path, "a text value");
    }

    Optional<String> text(JsonNode parent, String path, String expected) {
        JsonNode n = present(parent, path, expected);
        if (n == null) return Optional.empty();
        if (!n.isValueNode() || n.asText().isBlank()) {
            problem(path, "'" + last(path) + "' must be a non-empty text value");
            return Optional.empty();
        }
        if (n.asText().length() > MAX_TEXT) {
            problem(path, "'" + last(path) + "' is " + n.asText().length() + " characters long; at most "
                    + MAX_TEXT + " are allowed");
            return Optional.empty();
        }
        return Optional.of(n.asText().trim());
    }

    /** An environment variable's name; a value that is no such name may be a pasted secret, so it is not echoed. */
    Optional<String> envName(JsonNode parent, String path) {
        Optional<String> t = text(parent, path);
        if (t.isPresent() && !ENV_NAME.matcher(t.get()).matches()) {
            problem(path, "'" + last(path) + "' must name an environment variable (e.g. LIVEKIT_API_SECRET), "
                    + "and this value is not a variable name. If you pasted the secret itself, remove it from the "
                    + "file and rotate it");
            return Optional.empty();
        }
        return t;
    }

    List<String> list(JsonNode parent, String path) {
        JsonNode n = present(parent, path, "a list such as [a, b], or remove it");
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) {
            problem(path, "'" + last(path) + "' must be a list, e.g. [a, b]");
            return out;
        }
        for (JsonNode e : n) {
            if (e.isValueNode() && !e.asText().isBlank() && e.asText().length() <= MAX_TEXT) {
                out.add(e.asText().trim());
            } else {
                problem(path, "every entry of '" + last(path) + "' must be a short text value");
                break;
            }
        }
        return out;
    }

    boolean bool(JsonNode parent, String path, boolean dflt) {
        JsonNode n = present(parent, path, "true or false");
        if (n == null) return dflt;
        boolean literal = yaml.booleanSpelling(path).map(t -> t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))
                .orElse(false);
        if (!n.isBoolean() || !literal) {
            problem(path, "'" + last(path) + "' must be true or false");
            return dflt;
        }
        return n.asBoolean();
    }

    int integer(JsonNode parent, String path, int dflt, int min, int max) {
        JsonNode n = present(parent, path, "a whole number from " + min + " to " + max);
        if (n == null) return dflt;
        if (!n.isInt() || n.asInt() < min || n.asInt() > max) {
            problem(path, "'" + last(path) + "' must be a whole number from " + min + " to " + max);
            return dflt;
        }
        return n.asInt();
    }

    double number(JsonNode parent, String path, double dflt, double minExclusive, double maxInclusive, String hint) {
        JsonNode n = present(parent, path, "a number (" + hint + ")");
        if (n == null) return dflt;
        double d = n.asDouble();
        if (!n.isNumber() || !Double.isFinite(d) || !(d > minExclusive) || d > maxInclusive) {
            problem(path, "'" + last(path) + "' must be a number above " + minExclusive + " and at most "
                    + maxInclusive + " (" + hint + ")");
            return dflt;
        }
        return d;
    }

    /** A duration such as 90s, 5m, 2h or 1d, within [min, max]; the default when absent or wrong. */
    Duration duration(JsonNode parent, String path, Duration dflt, Duration min, Duration max) {
        Optional<String> t = text(parent, path, "a duration such as 90s, 5m or 2h");
        if (t.isEmpty()) return dflt;
        Matcher m = DURATION.matcher(t.get());
        if (!m.matches()) {
            problem(path, "'" + last(path) + "' is not a duration; write e.g. 90s, 5m or 2h");
            return dflt;
        }
        long v = Long.parseLong(m.group(1)); // at most 9 digits: no overflow below
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(path, "'" + last(path) + "' must be from " + show(min) + " to " + show(max));
            return dflt;
        }
        return d;
    }

    static String show(Duration d) {
        if (d.toMillis() < 1000) return d.toMillis() + "ms";
        if (d.toSeconds() % 60 != 0 || d.toSeconds() < 60) return d.toSeconds() + "s";
        if (d.toMinutes() % 60 != 0 || d.toMinutes() < 60) return d.toMinutes() + "m";
        return d.toHours() + "h";
    }

    /**
     * A value for a problem message: quoted, unless it looks like a credential (the problem that says so is
     * already reported; the message must not carry the key or password into a log).
     */
    static String quoted(String value) {
        return ProfileReader.isAccessKeyId(value) || ProfileReader.hasUrlUserinfo(value)
                ? "a value that looks like a credential (not shown)" : "'" + value + "'";
    }

    static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

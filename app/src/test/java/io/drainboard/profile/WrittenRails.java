package io.drainboard.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzz test's oracle for fail-open profiles: every safety-relevant key (docs/profiles.md, "Safety
 * settings") that a loaded profile's text writes must have been written with an explicit, valid value, and
 * the loaded profile must hold exactly that value. A key written as {@code ~}, empty or {@code null} that
 * loads at all is fail-open (the loader used its default, which may be the weaker rail: writable, every
 * cluster, one more task draining). Keys left out are the documented defaults and are not checked here.
 */
final class WrittenRails {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Map<String, Profile.CordonMethod> METHODS = Map.of("exec-signal", Profile.CordonMethod.EXEC_SIGNAL,
            "http", Profile.CordonMethod.HTTP, "none", Profile.CordonMethod.NONE);

    private final List<String> failures = new ArrayList<>();

    private WrittenRails() {
    }

    /** What is wrong with a profile that loaded from {@code text}; empty when every rail is as written. */
    static List<String> check(String text, Profile p) {
        WrittenRails w = new WrittenRails();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (Exception e) {
            return List.of("the profile loaded, but its text is no YAML the oracle can read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) return List.of("the profile loaded from a text that is no mapping");
        w.root(root, p);
        return w.failures;
    }

    private void root(JsonNode root, Profile p) {
        rail(root, "readOnly", JsonNode::isBoolean, JsonNode::asBoolean, p.readOnly());
        rail(root, "production", JsonNode::isBoolean, JsonNode::asBoolean, p.production());
        rail(root, "maxConcurrency", n -> n.isInt() && n.asInt() >= 1 && n.asInt() <= 64, JsonNode::asInt, p.maxConcurrency());
        rail(root, "refresh", WrittenRails::isDuration, WrittenRails::duration, p.refreshInterval());
        rail(root, "clusters", WrittenRails::isTextList, WrittenRails::textList, p.clusters());
        rail(root, "serviceFilter", WrittenRails::isTextList, WrittenRails::textList, p.serviceFilter());
        section(root, "simulator").ifPresent(s -> {
            if (p.simulator().isEmpty()) failures.add("simulator: written, but the profile loaded without the simulator");
        });
        if (!root.has("simulator") && p.simulator().isPresent()) failures.add("simulator: not written, but loaded");
        sections(root, "", p.cordon(), p.drain());
        section(root, "guard").ifPresent(g -> {
            rail(g, "guard.lease", "lease", WrittenRails::isDuration, WrittenRails::duration, p.guard().lease());
            rail(g, "guard.renewBefore", "renewBefore", WrittenRails::isDuration, WrittenRails::duration,
                    p.guard().renewBefore());
            rail(g, "guard.idleHysteresis", "idleHysteresis", WrittenRails::isDuration, WrittenRails::duration,
                    p.guard().idleHysteresis());
        });
        section(root, "services").ifPresent(services -> services.properties().forEach(e -> {
            if (!e.getValue().isObject()) return; // "agent: ~": no overrides, the profile-wide settings apply
            Profile.ServiceSettings s = p.services().get(e.getKey());
            if (s == null) {
                failures.add("services." + e.getKey() + ": written, but not in the loaded profile");
                return;
            }
            String at = "services." + e.getKey() + ".";
            if (e.getValue().has("cordon") && s.cordon().isEmpty()) failures.add(at + "cordon: written, not loaded");
            if (e.getValue().has("drain") && s.drain().isEmpty()) failures.add(at + "drain: written, not loaded");
            sections(e.getValue(), at, s.cordon().orElse(p.cordon()), s.drain().orElse(p.drain()));
        }));
    }

    /** The cordon and drain sections shared by the profile and each service ({@code at}: "" or "services.X."). */
    private void sections(JsonNode parent, String at, Profile.CordonSettings cordon, Profile.DrainSettings drain) {
        section(parent, at + "cordon", "cordon").ifPresent(c -> {
            rail(c, at + "cordon.method", "method", n -> n.isTextual() && METHODS.containsKey(n.asText().trim()),
                    n -> METHODS.get(n.asText().trim()), cordon.method());
            rail(c, at + "cordon.command", "command", WrittenRails::isText, n -> n.asText().trim(), cordon.command());
            rail(c, at + "cordon.container", "container", WrittenRails::isText, n -> Optional.of(n.asText().trim()),
                    cordon.container());
            rail(c, at + "cordon.drainUrl", "drainUrl", WrittenRails::isText, n -> n.asText().trim(), cordon.drainUrl());
        });
        section(parent, at + "drain", "drain").ifPresent(d -> {
            rail(d, at + "drain.deadline", "deadline", WrittenRails::isDuration, WrittenRails::duration, drain.deadline());
            rail(d, at + "drain.budget", "budget", n -> n.isInt() && n.asInt() >= 1 && n.asInt() <= 100, JsonNode::asInt,
                    drain.budget());
            rail(d, at + "drain.survivalBar", "survivalBar",
                    n -> n.isNumber() && n.asDouble() > 0.5 && n.asDouble() <= 0.999999, JsonNode::asDouble, drain.survivalBar());
        });
    }

    private Optional<JsonNode> section(JsonNode parent, String key) {
        return section(parent, key, key);
    }

    private Optional<JsonNode> section(JsonNode parent, String name, String key) {
        if (!parent.has(key)) return Optional.empty();
        JsonNode n = parent.get(key);
        if (!n.isObject()) {
            failures.add("fail-open: " + name + " written as " + shown(n) + " (no mapping), yet the profile loaded");
            return Optional.empty();
        }
        return Optional.of(n);
    }

    private <T> void rail(JsonNode parent, String key, Predicate<JsonNode> explicit, Function<JsonNode, T> value, T loaded) {
        rail(parent, key, key, explicit, value, loaded);
    }

    private <T> void rail(JsonNode parent, String name, String key, Predicate<JsonNode> explicit, Function<JsonNode, T> value,
                          T loaded) {
        if (!parent.has(key)) return; // not written: the documented default
        JsonNode n = parent.get(key);
        if (n.isNull() || !explicit.test(n)) {
            failures.add("fail-open: " + name + " written as " + shown(n) + ", not an explicit value, yet the profile "
                    + "loaded with " + loaded);
        } else if (!value.apply(n).equals(loaded)) {
            failures.add("weaker than written: " + name + " written as " + shown(n) + ", loaded as " + loaded);
        }
    }

    private static String shown(JsonNode n) {
        String s = n.isNull() ? "~ (null)" : n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static boolean isText(JsonNode n) {
        return n.isValueNode() && !n.asText().isBlank();
    }

    private static boolean isTextList(JsonNode n) {
        if (!n.isArray()) return false;
        for (JsonNode e : n) if (!isText(e)) return false;
        return true;
    }

    private static List<String> textList(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText().trim()));
        return out;
    }

    private static boolean isDuration(JsonNode n) {
        return n.isValueNode() && DURATION.matcher(n.asText().trim()).matches();
    }

    private static Duration duration(JsonNode n) {
        Matcher m = DURATION.matcher(n.asText().trim());
        if (!m.matches()) throw new IllegalStateException("not a duration: " + n);
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
    }
}

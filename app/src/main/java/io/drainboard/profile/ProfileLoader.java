package io.drainboard.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a profile YAML file. Every problem is reported at once, each with file, line
 * and the fix, and unknown keys are reported rather than ignored (a typo in {@code readOnly} must not
 * silently give a writable console).
 */
public final class ProfileLoader {
    private static final Map<String, Set<String>> KEYS = Map.of(
            "", Set.of("name", "description", "region", "regions", "simulator", "aws", "livekit", "calls",
                    "refresh", "maxConcurrency", "readOnly", "production", "clusters"),
            "/simulator", Set.of("scenario", "speed"),
            "/aws", Set.of("profile", "endpoint"),
            "/livekit", Set.of("url", "apiKeyEnv", "apiSecretEnv", "lkProject"),
            "/calls", Set.of("source", "taskAttribute"));
    private static final Set<String> SECRET_KEYS = Set.of("apiKey", "apiSecret", "secret", "secretAccessKey",
            "accessKeyId", "sessionToken", "password", "token");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private ProfileLoader() {
    }

    public static Profile load(Path file) throws ProfileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot read the profile (" + e.getMessage()
                    + "). Check the path; example profiles are in profiles/.");
        }
        return parse(file, text);
    }

    public static Profile parse(Path file, String text) throws ProfileException {
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.parse(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ProfileException(file + ":" + line + ": not valid YAML (" + e.getOriginalMessage()
                    + "). Fix the indentation or quoting on that line.");
        } catch (IOException e) {
            throw new ProfileException(file + ": not valid YAML (" + e.getMessage() + ").");
        }
        return new Reader(file, yaml).read();
    }

    /** One validation pass; collects problems instead of stopping at the first. */
    private static final class Reader {
        private final Path file;
        private final LocatedYaml yaml;
        private final List<String> problems = new ArrayList<>();

        Reader(Path file, LocatedYaml yaml) {
            this.file = file;
            this.yaml = yaml;
        }

        Profile read() throws ProfileException {
            JsonNode root = yaml.root;
            if (!root.isObject()) {
                throw new ProfileException(file + ":1: a profile is a YAML mapping of keys (name:, region:, …); "
                        + "see profiles/demo.yaml");
            }
            checkKeys("", root);
            String name = text(root, "/name").orElse(baseName(file));
            String description = text(root, "/description").orElse("");
            List<String> regions = regions(root);
            Optional<Profile.SimulatorSettings> sim = object(root, "/simulator").map(this::simulator);
            Optional<Profile.AwsSettings> aws = object(root, "/aws").map(n -> new Profile.AwsSettings(
                    text(n, "/aws/profile"), text(n, "/aws/endpoint")));
            Optional<Profile.LiveKitSettings> lk = object(root, "/livekit").map(this::liveKit);
            Profile.CallSettings calls = calls(root);
            Duration refresh = text(root, "/refresh").map(t -> duration("/refresh", t)).orElse(Duration.ofSeconds(5));
            int concurrency = integer(root, "/maxConcurrency", 8, 1, 64);
            boolean readOnly = bool(root, "/readOnly", false);
            boolean production = bool(root, "/production", false);
            List<String> clusters = list(root, "/clusters");
            if (sim.isPresent() && aws.isPresent()) {
                problem("/aws", "a profile uses either the embedded simulator or AWS, not both; remove 'aws:' "
                        + "or 'simulator:'");
            }
            if (sim.isEmpty() && calls.source() == Profile.CallSource.LIVEKIT && lk.isEmpty()) {
                problem("/calls", "calls.source is livekit but there is no 'livekit:' section; add livekit.url "
                        + "and apiKeyEnv/apiSecretEnv (or lkProject), or set calls.source: none");
            }
            if (!problems.isEmpty()) throw new ProfileException(problems);
            return new Profile(name, file, description, regions, sim, aws, lk, calls, refresh, concurrency,
                    readOnly, production, clusters);
        }

        private Profile.SimulatorSettings simulator(JsonNode n) {
            String scenario = text(n, "/simulator/scenario").orElse("demo");
            double speed = 1.0;
            JsonNode s = n.get("speed");
            if (s != null) {
                if (!s.isNumber() || s.asDouble() <= 0) problem("/simulator/speed", "speed must be a number > 0 (1 = real time)");
                else speed = s.asDouble();
            }
            return new Profile.SimulatorSettings(scenario, speed);
        }

        private Profile.LiveKitSettings liveKit(JsonNode n) {
            Optional<String> url = text(n, "/livekit/url");
            if (url.isEmpty()) problem("/livekit", "livekit.url is missing; add e.g. url: https://livekit.example.com");
            url.filter(u -> !u.startsWith("http://") && !u.startsWith("https://") && !u.startsWith("ws"))
                    .ifPresent(u -> problem("/livekit/url", "livekit.url must start with https:// (or wss://)"));
            Optional<String> keyEnv = text(n, "/livekit/apiKeyEnv");
            Optional<String> secretEnv = text(n, "/livekit/apiSecretEnv");
            Optional<String> project = text(n, "/livekit/lkProject");
            if (project.isEmpty() && (keyEnv.isEmpty() || secretEnv.isEmpty())) {
                problem("/livekit", "say where the LiveKit key and secret come from: apiKeyEnv and apiSecretEnv "
                        + "(environment variable names) or lkProject (a project in ~/.livekit/cli-config.yaml)");
            }
            return new Profile.LiveKitSettings(url.orElse(""), keyEnv, secretEnv, project);
        }

        private Profile.CallSettings calls(JsonNode root) {
            Optional<JsonNode> n = object(root, "/calls");
            Profile.CallSource source = Profile.CallSource.LIVEKIT;
            String attribute = "ecs.task_arn";
            if (n.isPresent()) {
                Optional<String> s = text(n.get(), "/calls/source");
                if (s.isPresent()) {
                    switch (s.get()) {
                        case "livekit" -> source = Profile.CallSource.LIVEKIT;
                        case "none" -> source = Profile.CallSource.NONE;
                        default -> problem("/calls/source", "unknown call source '" + s.get() + "'; use livekit or none");
                    }
                }
                attribute = text(n.get(), "/calls/taskAttribute").orElse(attribute);
            }
            return new Profile.CallSettings(source, attribute);
        }

        private List<String> regions(JsonNode root) {
            List<String> regions = new ArrayList<>();
            text(root, "/region").ifPresent(regions::add);
            regions.addAll(list(root, "/regions"));
            if (regions.isEmpty()) {
                problem("", "no region; add e.g. 'region: us-east-1' (or 'regions: [us-east-1, eu-west-1]')");
                regions.add("us-east-1");
            }
            for (String r : regions) {
                if (!r.matches("[a-z]{2}(-[a-z]+)+-\\d")) problem(regions.size() == 1 ? "/region" : "/regions",
                        "'" + r + "' is not an AWS region name such as us-east-1");
            }
            return regions;
        }

        private void checkKeys(String at, JsonNode node) {
            Set<String> known = KEYS.get(at);
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                String path = at + "/" + key;
                if (SECRET_KEYS.contains(key)) {
                    problem(path, "'" + key + "' looks like a secret; profiles never contain secrets. Put it in an "
                            + "environment variable and name the variable (e.g. apiSecretEnv: LIVEKIT_API_SECRET)");
                } else if (known == null || !known.contains(key)) {
                    problem(path, "unknown key '" + key + "'" + (known == null ? "" : "; known keys here: "
                            + String.join(", ", known.stream().sorted().toList())));
                } else if (KEYS.containsKey(path) && node.get(key).isObject()) {
                    checkKeys(path, node.get(key));
                }
            }
        }

        private Optional<JsonNode> object(JsonNode parent, String path) {
            JsonNode n = parent.get(last(path));
            if (n == null || n.isNull()) return Optional.empty();
            if (!n.isObject()) {
                problem(path, "'" + last(path) + "' must be a mapping of keys (indented below it)");
                return Optional.empty();
            }
            return Optional.of(n);
        }

        private Optional<String> text(JsonNode parent, String path) {
            JsonNode n = parent.get(last(path));
            if (n == null || n.isNull()) return Optional.empty();
            if (!n.isValueNode() || n.asText().isBlank()) {
                problem(path, "'" + last(path) + "' must be a non-empty text value");
                return Optional.empty();
            }
            return Optional.of(n.asText().trim());
        }

        private List<String> list(JsonNode parent, String path) {
            JsonNode n = parent.get(last(path));
            List<String> out = new ArrayList<>();
            if (n == null || n.isNull()) return out;
            if (!n.isArray()) {
                problem(path, "'" + last(path) + "' must be a list, e.g. [a, b]");
                return out;
            }
            n.forEach(e -> {
                if (e.isValueNode() && !e.asText().isBlank()) out.add(e.asText().trim());
                else problem(path, "every entry of '" + last(path) + "' must be a text value");
            });
            return out;
        }

        private boolean bool(JsonNode parent, String path, boolean dflt) {
            JsonNode n = parent.get(last(path));
            if (n == null || n.isNull()) return dflt;
            if (!n.isBoolean()) {
                problem(path, "'" + last(path) + "' must be true or false");
                return dflt;
            }
            return n.asBoolean();
        }

        private int integer(JsonNode parent, String path, int dflt, int min, int max) {
            JsonNode n = parent.get(last(path));
            if (n == null || n.isNull()) return dflt;
            if (!n.isInt() || n.asInt() < min || n.asInt() > max) {
                problem(path, "'" + last(path) + "' must be a whole number from " + min + " to " + max);
                return dflt;
            }
            return n.asInt();
        }

        private Duration duration(String path, String t) {
            Matcher m = DURATION.matcher(t);
            if (!m.matches()) {
                problem(path, "'" + t + "' is not a duration; write e.g. 5s, 500ms or 1m");
                return Duration.ofSeconds(5);
            }
            long v = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                default -> Duration.ofHours(v);
            };
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                problem(path, "refresh faster than 1s would eat the account's shared ECS API budget; use 1s or more");
            }
            return d;
        }

        private void problem(String path, String message) {
            int line = yaml.line(path);
            problems.add(file + ":" + (line > 0 ? line : 1) + ": " + message);
        }

        private static String last(String path) {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private static String baseName(Path file) {
            String n = file.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }
    }
}

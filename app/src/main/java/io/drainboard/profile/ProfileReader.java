package io.drainboard.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.scenario.ScenarioLoader;
import io.drainboard.profile.Profile.CallPrior;
import io.drainboard.profile.Profile.CallSettings;
import io.drainboard.profile.Profile.CallSource;
import io.drainboard.profile.Profile.CordonSettings;
import io.drainboard.profile.Profile.DrainSettings;
import io.drainboard.profile.Profile.GuardSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One validation pass over a parsed profile; collects every problem instead of stopping at the first. */
final class ProfileReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    /** ECS cluster and service names: up to 255 letters, digits, hyphens and underscores (CreateCluster API). */
    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern FILTER = Pattern.compile("[A-Za-z0-9_*?-]{1,255}");
    /** AWS access key ids (AKIA… long-term, ASIA… temporary): never in a profile. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile(".*\\b(AKIA|ASIA)[A-Z0-9]{16}\\b.*", Pattern.DOTALL);
    private static final int MAX_PROBLEMS = 20;
    private static final Pattern BUNDLED_SCENARIO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path file;
    private final LocatedYaml yaml;
    private final FieldReader f;
    private final SectionReader sections;

    ProfileReader(Path file, LocatedYaml yaml) {
        this.file = file;
        this.yaml = yaml;
        this.f = new FieldReader(file, yaml);
        this.sections = new SectionReader(f);
    }

    Profile read() throws ProfileException {
        JsonNode root = yaml.root;
        if (!root.isObject()) {
            throw new ProfileException(file + ":1: a profile is a YAML mapping of keys (name:, region:, …); "
                    + "see profiles/demo.yaml");
        }
        for (LocatedYaml.Duplicate d : yaml.duplicates()) {
            f.problemAt(d.line(), "'" + FieldReader.last(d.pointer()) + "' is given twice (also on line "
                    + d.firstLine() + "); keep one");
        }
        checkKeys("", "", root);
        checkNoCredentials("", root);
        String name = f.text(root, "/name").orElse(baseName(file));
        if (!NAME.matcher(name).matches()) {
            f.problem("/name", "'name' must be 1–64 letters, digits, spaces, dots, dashes or underscores");
        }
        String description = f.text(root, "/description").orElse("");
        Optional<Profile.SimulatorSettings> sim = f.object(root, "/simulator").map(this::simulator);
        List<Profile.Account> accounts = accounts(root, sim.isPresent());
        List<String> regions = accounts.isEmpty() ? regions(root) : accountRegions(accounts);
        Optional<Profile.AwsSettings> aws = f.object(root, "/aws").map(n -> aws(n, "/aws"));
        Optional<Profile.LiveKitSettings> lk = f.object(root, "/livekit").map(this::liveKit);
        CallSettings calls = sections.calls(root, "", new CallSettings(CallSource.LIVEKIT, "ecs.task_arn"));
        Duration refresh = refresh(root);
        // Per account and region read (Console.scheduler): a steady refresh of 10,000 tasks is ~220 requests, which at
        // 50 ms each need 12 or more in flight to finish within a second (docs/benchmarks.md).
        int concurrency = f.integer(root, "/maxConcurrency", 16, 1, 64);
        // A profile whose every account is read-only is a read-only profile (title, status line, every rail).
        boolean readOnly = f.bool(root, "/readOnly", false)
                || (!accounts.isEmpty() && accounts.stream().allMatch(Profile.Account::readOnly));
        boolean production = f.bool(root, "/production", false);
        List<String> clusters = names(root, "/clusters", ECS_NAME, "an ECS cluster name (letters, digits, - and _)");
        List<String> filter = names(root, "/serviceFilter", FILTER, "a service name or a pattern with * and ?");
        CordonSettings cordon = sections.cordon(root, "", CordonSettings.NONE);
        CallPrior callLength = sections.callLength(root, "", CallPrior.DEFAULT);
        DrainSettings drain = sections.drain(root, "", DrainSettings.DEFAULT);
        GuardSettings guard = f.object(root, "/guard").map(sections::guard).orElse(GuardSettings.DEFAULT);
        Map<String, Profile.ServiceSettings> services = services(root, calls, cordon, callLength, drain);
        if (sim.isPresent() && aws.isPresent()) {
            f.problem("/aws", "a profile uses either the embedded simulator or AWS, not both; remove 'aws:' "
                    + "or 'simulator:'");
        }
        boolean anyLiveKit = calls.source() == CallSource.LIVEKIT || services.values().stream()
                .anyMatch(s -> s.calls().map(c -> c.source() == CallSource.LIVEKIT).orElse(false));
        if (sim.isEmpty() && anyLiveKit && lk.isEmpty()) {
            f.problem("/calls", "calls.source is livekit but there is no 'livekit:' section; add livekit.url "
                    + "and apiKeyEnv/apiSecretEnv (or lkProject), or set calls.source: none");
        }
        if (!f.problems().isEmpty()) throw new ProfileException(capped(f.problems()));
        return new Profile(name, file, description, regions, sim, aws, lk, calls, refresh, concurrency,
                readOnly, production, clusters, filter, cordon, callLength, drain, guard, services, accounts);
    }

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /**
     * {@code accounts:} — several AWS accounts in one profile, each with its name, id, AWS profile (or SSO session
     * profile), regions and read-only switch. The regions and the AWS access then belong to each account, so the
     * top-level {@code region(s)} and {@code aws} are refused beside it rather than guessed at.
     */
    private List<Profile.Account> accounts(JsonNode root, boolean simulated) {
        JsonNode list = root.get("accounts");
        if (list == null) return List.of();
        if (!list.isArray() || list.isEmpty()) {
            f.problem("/accounts", "'accounts' must be a list of accounts, each with name, account (its 12-digit id) "
                    + "and regions; or remove it");
            return List.of();
        }
        for (String key : List.of("region", "regions", "aws")) {
            if (root.has(key)) {
                f.problem("/" + key, "'" + key + "' goes under each entry of 'accounts' (each account has its own "
                        + "regions and AWS profile); move it there");
            }
        }
        List<Profile.Account> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>(), ids = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/accounts/" + i;
            JsonNode a = list.get(i);
            if (!a.isObject()) {
                f.problem(at, "each entry of 'accounts' is a mapping: name, account, aws, regions, readOnly");
                continue;
            }
            String name = f.text(a, at + "/name").orElse("");
            if (!NAME.matcher(name).matches()) f.problem(at + "/name", "each account needs a 'name' (1–64 letters, "
                    + "digits, spaces, dots, dashes or underscores), shown in the tree");
            else if (!names.add(name)) f.problem(at + "/name", "account name '" + name + "' is used twice");
            String id = a.has("account") && a.get("account").isValueNode() ? a.get("account").asText() : "";
            if (!ACCOUNT_ID.matcher(id).matches()) {
                f.problem(at + "/account", "'account' must be the 12-digit AWS account id in quotes (e.g. account: "
                        + "\"111122223333\"): actions are routed, and refused, by the account in each ARN");
            } else if (!ids.add(id)) {
                f.problem(at + "/account", "account " + id + " is listed twice");
            }
            List<String> regions = new ArrayList<>();
            f.text(a, at + "/region").ifPresent(regions::add);
            for (String r : f.list(a, at + "/regions")) if (!regions.contains(r)) regions.add(r);
            if (regions.isEmpty()) f.problem(at, "account '" + name + "' has no region; add e.g. regions: [us-east-1]");
            for (String r : regions) {
                if (!REGION.matcher(r).matches()) f.problem(at + "/regions", "'" + r + "' is not an AWS region name such as us-east-1");
            }
            Optional<Profile.AwsSettings> aws = f.object(a, at + "/aws").map(n -> aws(n, at + "/aws"));
            if (simulated && aws.isPresent()) {
                f.problem(at + "/aws", "a profile uses either the embedded simulator or AWS, not both; remove 'aws:' "
                        + "from the account or 'simulator:'");
            }
            boolean readOnly = f.bool(a, at + "/readOnly", false);
            out.add(new Profile.Account(name, id, aws, regions, readOnly));
        }
        return out;
    }

    private static List<String> accountRegions(List<Profile.Account> accounts) {
        List<String> out = new ArrayList<>();
        for (Profile.Account a : accounts) for (String r : a.regions()) if (!out.contains(r)) out.add(r);
        return out.isEmpty() ? List.of("us-east-1") : out;
    }

    private Profile.SimulatorSettings simulator(JsonNode n) {
        String scenario = f.text(n, "/simulator/scenario").orElse("demo");
        if (n.has("scenario")) checkScenario(scenario);
        double speed = f.number(n, "/simulator/speed", 1.0, 0, 1000, "1 = real time");
        return new Profile.SimulatorSettings(scenario, speed);
    }

    /**
     * A bundled scenario's name, or a file that really is a scenario: a path that points elsewhere
     * ({@code ../../../../etc/passwd}) is refused here, at file:line, before a simulator starts, and the
     * message never quotes the file it points at.
     */
    private void checkScenario(String scenario) {
        if (BUNDLED_SCENARIO.matcher(scenario).matches()
                && ScenarioLoader.class.getResource("/scenarios/" + scenario + ".yaml") != null) {
            return;
        }
        try {
            ScenarioLoader.read(scenario);
        } catch (RuntimeException e) { // ScenarioException: one line, without the file's content
            f.problem("/simulator/scenario", "simulator.scenario: " + e.getMessage());
        }
    }

    private Profile.AwsSettings aws(JsonNode n, String at) {
        Optional<String> endpoint = f.text(n, at + "/endpoint");
        endpoint.filter(e -> !e.startsWith("http://") && !e.startsWith("https://"))
                .ifPresent(e -> f.problem(at + "/endpoint", "aws.endpoint must be a URL such as http://127.0.0.1:4566"));
        return new Profile.AwsSettings(f.text(n, at + "/profile"), endpoint);
    }

    private Profile.LiveKitSettings liveKit(JsonNode n) {
        Optional<String> url = f.text(n, "/livekit/url");
        Optional<String> keyEnv = f.envName(n, "/livekit/apiKeyEnv");
        Optional<String> secretEnv = f.envName(n, "/livekit/apiSecretEnv");
        Optional<String> project = f.text(n, "/livekit/lkProject");
        if (!n.has("url") && project.isEmpty()) {
            f.problem("/livekit", "livekit.url is missing; add e.g. url: https://livekit.example.com "
                    + "(or lkProject: to take it from the lk CLI's config)");
        }
        url.filter(u -> !u.matches("(https?|wss?)://.+"))
                .ifPresent(u -> f.problem("/livekit/url", "livekit.url must start with https:// (or wss://)"));
        if (project.isEmpty() && (!n.has("apiKeyEnv") || !n.has("apiSecretEnv"))) {
            f.problem("/livekit", "say where the LiveKit key and secret come from: apiKeyEnv and apiSecretEnv "
                    + "(environment variable names) or lkProject (a project in ~/.livekit/cli-config.yaml)");
        }
        return new Profile.LiveKitSettings(url.orElse(""), keyEnv, secretEnv, project);
    }

    private Map<String, Profile.ServiceSettings> services(JsonNode root, CallSettings calls, CordonSettings cordon,
                                                          CallPrior callLength, DrainSettings drain) {
        Map<String, Profile.ServiceSettings> out = new LinkedHashMap<>();
        Optional<JsonNode> n = f.object(root, "/services");
        if (n.isEmpty()) return out;
        Iterator<Map.Entry<String, JsonNode>> it = n.get().properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = "/services/" + key;
            String[] parts = key.split("/", -1);
            if (parts.length > 2 || !java.util.Arrays.stream(parts).allMatch(s -> ECS_NAME.matcher(s).matches())) {
                f.problem(at, "'" + key + "' is not a service name; key each entry by service or cluster/service");
                continue;
            }
            JsonNode s = e.getValue();
            if (s == null || s.isNull()) {
                out.put(key, new Profile.ServiceSettings(key, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
                continue;
            }
            if (!s.isObject()) {
                f.problem(at, "services." + key + " must be a mapping (calls:, cordon:, callLength:, drain:)");
                continue;
            }
            out.put(key, new Profile.ServiceSettings(key,
                    s.has("calls") ? Optional.of(sections.calls(s, at, calls)) : Optional.empty(),
                    s.has("cordon") ? Optional.of(sections.cordon(s, at, cordon)) : Optional.empty(),
                    s.has("callLength") ? Optional.of(sections.callLength(s, at, callLength)) : Optional.empty(),
                    s.has("drain") ? Optional.of(sections.drain(s, at, drain)) : Optional.empty()));
        }
        return out;
    }

    private Duration refresh(JsonNode root) {
        Duration d = f.duration(root, "/refresh", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1));
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            f.problem("/refresh", "refresh faster than 1s would eat the account's shared ECS API budget; use 1s or more");
            return Duration.ofSeconds(5);
        }
        return d;
    }

    private List<String> regions(JsonNode root) {
        List<String> regions = new ArrayList<>();
        f.text(root, "/region").ifPresent(regions::add);
        for (String r : f.list(root, "/regions")) if (!regions.contains(r)) regions.add(r);
        if (regions.isEmpty()) {
            f.problem("", "no region; add e.g. 'region: us-east-1' (or 'regions: [us-east-1, eu-west-1]')");
            regions.add("us-east-1");
        }
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                f.problem(root.has("region") ? "/region" : "/regions", FieldReader.quoted(r)
                        + " is not an AWS region name such as us-east-1");
            }
        }
        return regions;
    }

    private List<String> names(JsonNode root, String path, Pattern valid, String what) {
        List<String> names = f.list(root, path);
        for (String n : names) {
            if (!valid.matcher(n).matches()) {
                f.problem(path, FieldReader.quoted(n) + " in '" + FieldReader.last(path) + "' is not " + what);
                return List.of();
            }
        }
        return names;
    }

    /** Unknown keys and secret-looking keys, recursively through the known sections. */
    private void checkKeys(String schemaPath, String pointer, JsonNode node) {
        Set<String> known = ProfileSchema.keysAt(schemaPath);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            String at = pointer + "/" + key;
            String schemaAt = schemaPath.equals("/services") ? "/services/*" : schemaPath + "/" + key;
            JsonNode child = node.get(key);
            if (ProfileSchema.looksLikeSecret(key)) {
                f.problem(at, "'" + key + "' looks like a secret; profiles never contain secrets. Put it in an "
                        + "environment variable and name the variable (e.g. apiSecretEnv: LIVEKIT_API_SECRET)");
            } else if (schemaPath.equals("/services")) {
                if (child.isObject()) checkKeys(schemaAt, at, child);
            } else if (schemaAt.equals("/accounts") && child.isArray()) {
                for (int i = 0; i < child.size(); i++) {
                    if (child.get(i).isObject()) checkKeys("/accounts/*", at + "/" + i, child.get(i));
                }
            } else if (known == null || !known.contains(key)) {
                f.problem(at, "unknown key '" + key + "'" + (known == null ? "" : "; known keys here: "
                        + String.join(", ", known.stream().sorted().toList())));
            } else if (child.isObject() && (ProfileSchema.keysAt(schemaAt) != null || schemaAt.equals("/services"))) {
                checkKeys(schemaAt, at, child);
            }
        }
    }

    /** An AWS access key id or a URL with a password anywhere in the file is refused, without echoing it. */
    private void checkNoCredentials(String pointer, JsonNode node) {
        if (node.isValueNode()) {
            if (isAccessKeyId(node.asText())) {
                f.problem(pointer, "this value looks like an AWS access key id; profiles never contain credentials. "
                        + "Remove it (and rotate the key if it was shared); name an AWS profile with aws.profile");
            } else if (hasUrlUserinfo(node.asText())) {
                f.problem(pointer, "this URL carries a user name or password (…://user:password@host); profiles never "
                        + "contain credentials. Remove the part before '@' (and rotate the password if it was shared)");
            }
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> checkNoCredentials(pointer + "/" + e.getKey(), e.getValue()));
        } else if (node.isArray()) {
            for (JsonNode e : node) checkNoCredentials(pointer, e);
        }
    }

    static boolean isAccessKeyId(String text) {
        return ACCESS_KEY_ID.matcher(text).matches();
    }

    /**
     * A URL with userinfo ({@code http://user:password@host}; RFC 3986 section 3.2.1 deprecates a password
     * there): it would be printed in the preflight and stored on every journal line. A scan, not a regular
     * expression, so a 300 KB value costs one pass.
     */
    static boolean hasUrlUserinfo(String text) {
        for (int at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
            for (int i = at + 3; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '@') return true;
                if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c)) break;
            }
        }
        return false;
    }

    /** A screenful at most: past that the operator fixes the first ones and loads again. */
    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) return problems;
        List<String> out = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        out.add(problems.get(MAX_PROBLEMS).substring(0, problems.get(MAX_PROBLEMS).indexOf(": ") + 2)
                + "and " + (problems.size() - MAX_PROBLEMS) + " more problems; fix the ones above first");
        return out;
    }

    private static String baseName(Path file) {
        Path fileName = file.getFileName();
        String n = fileName == null ? "profile" : fileName.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}

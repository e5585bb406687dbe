package io.drainboard.profile;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys a profile may hold, per section. Anything else is reported (a typo in {@code readOnly} must
 * not silently give a writable console), and keys that name a secret are refused outright.
 */
final class ProfileSchema {
    private static final Set<String> CALLS = Set.of("source", "taskAttribute", "workerUrl", "cloudwatch");
    private static final Set<String> CLOUDWATCH = Set.of("namespace", "metric", "dimension");
    private static final Set<String> CORDON = Set.of("method", "command", "container", "drainUrl");
    private static final Set<String> CALL_LENGTH = Set.of("median", "p99");
    private static final Set<String> DRAIN = Set.of("deadline", "budget", "survivalBar");
    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("", Set.of("name", "description", "region", "regions", "simulator", "aws", "livekit", "calls",
                    "refresh", "maxConcurrency", "readOnly", "production", "clusters", "serviceFilter", "cordon",
                    "callLength", "drain", "guard", "services", "accounts")),
            Map.entry("/accounts/*", Set.of("name", "account", "aws", "region", "regions", "readOnly")),
            Map.entry("/accounts/*/aws", Set.of("profile", "endpoint")),
            Map.entry("/simulator", Set.of("scenario", "speed")),
            Map.entry("/aws", Set.of("profile", "endpoint")),
            Map.entry("/livekit", Set.of("url", "apiKeyEnv", "apiSecretEnv", "lkProject")),
            Map.entry("/calls", CALLS),
            Map.entry("/calls/cloudwatch", CLOUDWATCH),
            Map.entry("/cordon", CORDON),
            Map.entry("/callLength", CALL_LENGTH),
            Map.entry("/drain", DRAIN),
            Map.entry("/guard", Set.of("lease", "renewBefore", "idleHysteresis", "chosenScaleIn", "scaling")),
            Map.entry("/guard/scaling", Set.of("direct")),
            Map.entry("/guard/scaling/direct", Set.of("scaleInAfter", "lead", "share")),
            Map.entry("/services/*", Set.of("calls", "cordon", "callLength", "drain")),
            Map.entry("/services/*/calls", CALLS),
            Map.entry("/services/*/calls/cloudwatch", CLOUDWATCH),
            Map.entry("/services/*/cordon", CORDON),
            Map.entry("/services/*/callLength", CALL_LENGTH),
            Map.entry("/services/*/drain", DRAIN));
    /** Compared lower-case without '_' and '-', so api_secret, apiSecret and API-SECRET all match. */
    private static final Set<String> SECRET_KEYS = Set.of("apikey", "apisecret", "secret", "secretaccesskey",
            "accesskeyid", "sessiontoken", "awsaccesskeyid", "awssecretaccesskey", "awssessiontoken", "password",
            "token", "privatekey", "clientsecret", "credentials");

    private ProfileSchema() {
    }

    /**
     * The keys allowed in the mapping at a schema path such as {@code /services/*}{@code /drain} (service
     * names replaced by {@code *}); null when that mapping is not a known section.
     */
    static Set<String> keysAt(String schemaPath) {
        return KEYS.get(schemaPath);
    }

    static boolean looksLikeSecret(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
    }
}

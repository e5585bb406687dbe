package io.drainboard.profile;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The LiveKit server URL, API key and secret for a profile: from the environment variables the profile
 * names, or from a project of the lk CLI's config file (docs/livekit-facts.md#lk-cli, lk
 * {@code pkg/config/config.go}). The secret lives only in the returned object, which never prints it.
 */
public final class LiveKitAccess {
    private static final Logger LOG = Logger.getLogger(LiveKitAccess.class.getName());
    /** Overrides the lk CLI config path (tests, unusual setups). */
    public static final String CONFIG_PROPERTY = "drainboard.lkConfig";

    /** Where to reach LiveKit, with what; {@link #toString} leaves the secret out. */
    public record Credentials(String url, String apiKey, String apiSecret, String source) {
        /** The URL the server SDK wants: Twirp runs over HTTP(S), while lk configs often hold wss://. */
        public String httpUrl() {
            return url.replaceFirst("^wss://", "https://").replaceFirst("^ws://", "http://");
        }

        @Override
        public String toString() {
            return "LiveKit " + url + " (key " + apiKey + " from " + source + ", secret hidden)";
        }
    }

    private final Map<String, String> env;
    private final Path lkConfig;

    public LiveKitAccess(Map<String, String> env, Path lkConfig) {
        this.env = Map.copyOf(env);
        this.lkConfig = lkConfig;
    }

    /** The real environment and {@code ~/.livekit/cli-config.yaml} (or {@value #CONFIG_PROPERTY}). */
    public static LiveKitAccess standard() {
        String override = System.getProperty(CONFIG_PROPERTY);
        Path config = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".livekit", "cli-config.yaml");
        return new LiveKitAccess(System.getenv(), config);
    }

    /**
     * The credentials for a profile's {@code livekit:} section. Environment variables win when both are
     * named and set; the lk project is the fallback.
     */
    public Credentials resolve(Profile profile) throws CredentialsException {
        Profile.LiveKitSettings lk = profile.liveKit().orElseThrow(() -> new CredentialsException(
                "profile " + profile.name() + " has no 'livekit:' section; add one (" + profile.source()
                        + ") or set calls.source to something other than livekit"));
        Optional<String> keyEnv = lk.apiKeyEnv();
        Optional<String> secretEnv = lk.apiSecretEnv();
        if (keyEnv.isPresent() && secretEnv.isPresent()) {
            String key = env.get(keyEnv.get());
            String secret = env.get(secretEnv.get());
            if (present(key) && present(secret)) {
                if (lk.url().isEmpty() && lk.lkProject().isEmpty()) {
                    throw new CredentialsException("livekit.url is missing in " + profile.source());
                }
                String url = lk.url().isEmpty() ? project(profile, lk.lkProject().get()).url() : lk.url();
                return log(profile, new Credentials(url, key, secret, "environment variables " + keyEnv.get()
                        + "/" + secretEnv.get()));
            }
            if (lk.lkProject().isEmpty()) {
                String missing = present(key) ? secretEnv.get() : keyEnv.get();
                throw new CredentialsException("environment variable " + missing + " (named by livekit."
                        + (present(key) ? "apiSecretEnv" : "apiKeyEnv") + " in " + profile.source()
                        + ") is not set; export it before starting Drainboard, or name an lk CLI project with"
                        + " livekit.lkProject");
            }
        }
        String name = lk.lkProject().orElseThrow(() -> new CredentialsException("livekit in " + profile.source()
                + " names neither apiKeyEnv/apiSecretEnv nor lkProject"));
        LkCliConfig.Project p = project(profile, name);
        String url = lk.url().isEmpty() ? p.url() : lk.url();
        return log(profile, new Credentials(url, p.apiKey(), p.apiSecret(), "lk project '" + name + "' in " + lkConfig));
    }

    private LkCliConfig.Project project(Profile profile, String name) throws CredentialsException {
        LkCliConfig config = LkCliConfig.read(lkConfig);
        config.warning().ifPresent(LOG::warning);
        return config.project(name).orElseThrow(() -> new CredentialsException("lk project '" + name
                + "' (livekit.lkProject in " + profile.source() + ") is not in " + lkConfig + (config.names().isEmpty()
                ? "" : "; it has " + String.join(", ", config.names())) + ". Add it with `lk project add " + name
                + " --url … --api-key … --api-secret …`, or fix the name."));
    }

    private static Credentials log(Profile profile, Credentials c) {
        LOG.info(() -> "profile " + profile.name() + ": " + c);
        return c;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}

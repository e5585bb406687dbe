package io.drainboard.profile;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.profiles.ProfileFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * How a profile reaches AWS: the named AWS profile ({@code aws.profile}, SSO profiles included), else
 * static keys from the environment, else {@code AWS_PROFILE}, else the SDK's default chain — the order
 * of the SDK's own chain (AWS SDK for Java 2.x Developer Guide, "Default credentials provider chain").
 * Returns SDK credential providers; the credentials themselves are never stored or logged here.
 * The environment is a map so tests inject it instead of touching the real process environment.
 */
public final class AwsAccess {
    private static final Logger LOG = Logger.getLogger(AwsAccess.class.getName());
    /** Error codes AWS answers when the caller's credentials, not its permissions, are the problem. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("ExpiredTokenException", "ExpiredToken",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken", "RequestExpired");

    /** What kind of credentials a profile resolves to; it decides what the operator is told to do. */
    public enum Kind { SSO, STATIC_KEYS, ROLE, PROCESS, WEB_IDENTITY, OTHER_PROFILE, ENVIRONMENT_KEYS, DEFAULT_CHAIN,
        LOCAL_SIMULATOR }

    /** A credentials provider for the SDK clients, and how to describe it to the operator. */
    public record Resolved(AwsCredentialsProvider provider, Kind kind, Optional<String> profileName,
                           String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private final Map<String, String> env;

    public AwsAccess(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Reads the real process environment. */
    public static AwsAccess standard() {
        return new AwsAccess(System.getenv());
    }

    /**
     * The provider for a profile. Fails now when a named AWS profile does not exist or the config files
     * cannot be read; expired logins show up in {@link #verify}.
     */
    public Resolved resolve(Profile profile) throws CredentialsException {
        return resolve(profile, profile.aws(), "aws.profile in " + profile.source());
    }

    /** The provider for one account of a profile that lists several ({@code accounts:}), from its own {@code aws}. */
    public Resolved resolve(Profile profile, Profile.Account account) throws CredentialsException {
        return resolve(profile, account.aws(), "aws.profile of account " + account.name() + " in " + profile.source());
    }

    private Resolved resolve(Profile profile, Optional<Profile.AwsSettings> aws, String where) throws CredentialsException {
        Optional<String> named = aws.flatMap(Profile.AwsSettings::profileName);
        if (named.isPresent()) return namedProfile(profile, named.get(), where);
        if (aws.flatMap(Profile.AwsSettings::endpoint).filter(AwsAccess::loopback).isPresent()) {
            // A standalone simulator on this machine checks no signature; never send real keys to it.
            return log(new Resolved(StaticCredentialsProvider.create(AwsBasicCredentials.create("simulator",
                    "simulator")), Kind.LOCAL_SIMULATOR, Optional.empty(), "placeholder keys for the local endpoint "
                    + aws.get().endpoint().get()), profile);
        }
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (present(keyId) && present(secret)) {
            String token = env.get("AWS_SESSION_TOKEN");
            AwsCredentials c = present(token) ? AwsSessionCredentials.create(keyId, secret, token)
                    : AwsBasicCredentials.create(keyId, secret);
            return log(new Resolved(StaticCredentialsProvider.create(c), Kind.ENVIRONMENT_KEYS, Optional.empty(),
                    "static keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" + (present(token)
                            ? "/AWS_SESSION_TOKEN" : "") + " (key " + redactKeyId(keyId) + ")"), profile);
        }
        if (present(env.get("AWS_PROFILE"))) {
            return namedProfile(profile, env.get("AWS_PROFILE"), "AWS_PROFILE in the environment");
        }
        return log(new Resolved(DefaultCredentialsProvider.builder().build(), Kind.DEFAULT_CHAIN, Optional.empty(),
                "the AWS SDK's default credential chain"), profile);
    }

    /**
     * Resolves credentials once, now, so an expired SSO login or a missing key is reported when the
     * profile opens rather than as a failed refresh. SSO resolution calls the SSO portal.
     */
    public void verify(Resolved r) throws CredentialsException {
        try {
            r.provider().resolveCredentials();
        } catch (RuntimeException e) {
            throw new CredentialsException(explainResolveFailure(r, e), r.description() + " said: "
                    + String.valueOf(e.getMessage()).strip());
        }
    }

    /**
     * The operator's message for a failed AWS call, when the failure is about credentials (expired,
     * unknown or badly signed); empty for anything else (throttling, permissions, network).
     */
    public static Optional<String> explain(Resolved r, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException a && a.awsErrorDetails() != null
                    && CREDENTIAL_ERRORS.contains(a.awsErrorDetails().errorCode())) {
                return Optional.of(rejected(r, a.awsErrorDetails().errorCode()));
            }
        }
        return Optional.empty();
    }

    private Resolved namedProfile(Profile profile, String name, String origin) throws CredentialsException {
        Path config = path("AWS_CONFIG_FILE", ".aws", "config");
        Path credentials = path("AWS_SHARED_CREDENTIALS_FILE", ".aws", "credentials");
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        boolean inCredentials = false;
        try {
            if (Files.isRegularFile(config)) {
                files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            }
            if (Files.isRegularFile(credentials)) {
                ProfileFile c = ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build();
                inCredentials = c.profile(name).isPresent();
                files.addFile(c);
            }
        } catch (RuntimeException e) {
            // The parser's message may quote a line of the file; say which file and how to check it instead.
            throw new CredentialsException("cannot read the AWS config files " + config + " / " + credentials
                    + "; check them with `aws configure list --profile " + name + "`");
        }
        ProfileFile merged = files.build();
        Optional<software.amazon.awssdk.profiles.Profile> p = merged.profile(name);
        if (p.isEmpty()) {
            throw new CredentialsException("AWS profile " + name + " is not set up on this machine: run `aws configure"
                    + " sso --profile " + name + "` (or `aws configure --profile " + name + "`), then open the profile"
                    + " again.", "The name comes from " + origin + ". Looked in " + config + " and " + credentials
                    + "; neither has a profile called '" + name + "'. If the name is wrong, fix it in the file.");
        }
        Map<String, String> props = p.get().properties();
        Kind kind = props.containsKey("sso_session") || props.containsKey("sso_start_url") ? Kind.SSO
                : props.containsKey("role_arn") ? Kind.ROLE
                : props.containsKey("credential_process") ? Kind.PROCESS
                : props.containsKey("web_identity_token_file") ? Kind.WEB_IDENTITY
                : props.containsKey("aws_access_key_id") ? Kind.STATIC_KEYS : Kind.OTHER_PROFILE;
        String where = switch (kind) {
            case SSO -> "SSO login";
            case ROLE -> "role " + props.get("role_arn");
            case PROCESS -> "credential_process";
            case WEB_IDENTITY -> "web identity token";
            case STATIC_KEYS -> "static key " + redactKeyId(props.get("aws_access_key_id")) + " in "
                    + (inCredentials ? credentials : config);
            default -> "profile settings";
        };
        AwsCredentialsProvider provider = ProfileCredentialsProvider.builder()
                .profileFile(merged).profileName(name).build();
        return log(new Resolved(provider, kind, Optional.of(name), "AWS profile " + name + " (" + where + ")"), profile);
    }

    private static String explainResolveFailure(Resolved r, RuntimeException e) {
        String name = r.profileName().orElse("");
        return switch (r.kind()) {
            case SSO -> "AWS profile " + name + " signs in through SSO, and its SSO session has expired or was"
                    + " never started: run `aws sso login --profile " + name + "`, then reopen the profile.";
            case DEFAULT_CHAIN -> "No AWS credentials on this machine: run `aws configure sso` and name that profile"
                    + " under aws.profile (or export AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY),"
                    + " then open the profile again.";
            case ROLE -> "AWS profile " + name + " assumes " + r.description() + " and that failed ("
                    + firstLine(e) + "). Check its source_profile or credential_source works: `aws sts"
                    + " get-caller-identity --profile " + name + "`.";
            case PROCESS -> "AWS profile " + name + ": its credential_process failed (" + firstLine(e) + ").";
            default -> r.description() + " cannot give credentials (" + firstLine(e) + "). Check it with"
                    + " `aws configure list" + (name.isEmpty() ? "" : " --profile " + name) + "`.";
        };
    }

    private static String rejected(Resolved r, String code) {
        String name = r.profileName().orElse("");
        boolean expired = code.startsWith("Expired") || code.equals("RequestExpired");
        return switch (r.kind()) {
            case SSO -> "AWS rejected the SSO credentials of profile " + name + " (" + code + "): run `aws sso"
                    + " login --profile " + name + "`, then reopen the profile.";
            case STATIC_KEYS, ENVIRONMENT_KEYS -> "AWS rejected " + r.description() + " (" + code + "): the key is "
                    + (expired ? "expired (temporary keys: get new ones)" : "unknown, deactivated or its secret is"
                    + " wrong") + ". Replace it " + (r.kind() == Kind.ENVIRONMENT_KEYS ? "in the environment"
                    : "with `aws configure --profile " + name + "`") + ", or use an SSO profile.";
            default -> "AWS rejected " + r.description() + " (" + code + ")" + (expired
                    ? ": the credentials expired; sign in again and reopen the profile."
                    : ": check them with `aws sts get-caller-identity" + (name.isEmpty() ? "" : " --profile " + name)
                    + "`.");
        };
    }

    private Resolved log(Resolved r, Profile profile) {
        LOG.info(() -> "profile " + profile.name() + ": AWS credentials from " + r.description());
        return r;
    }

    private Path path(String variable, String... underHome) {
        String override = env.get(variable);
        if (present(override)) return Path.of(override);
        String home = present(env.get("HOME")) ? env.get("HOME") : System.getProperty("user.home");
        return Path.of(home, underHome);
    }

    private static boolean loopback(String endpoint) {
        return endpoint.matches("https?://(127\\.0\\.0\\.1|localhost|\\[::1])(:\\d+)?(/.*)?");
    }

    /** Key ids are not secret, but the log needs only enough to tell two keys apart. */
    static String redactKeyId(String keyId) {
        if (keyId == null || keyId.length() < 8) return "…";
        return keyId.substring(0, 4) + "…" + keyId.substring(keyId.length() - 4);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse(m);
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}

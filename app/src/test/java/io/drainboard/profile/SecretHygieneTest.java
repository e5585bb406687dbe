package io.drainboard.profile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets never touch disk or logs (house rule 5): profile loading and credential resolution run with
 * recognisable secrets in the (injected) environment, the AWS files and the lk CLI config, at log level
 * ALL; then every file Drainboard wrote under its data directory, all log output, stdout/stderr and
 * every message the operator would see are searched for them.
 */
class SecretHygieneTest {
    private static final String AWS_FILE_SECRET = "AwsFileSecret0x5eC7e7Aa";
    private static final String AWS_ENV_SECRET = "AwsEnvSecret0x1dE4b2Cc";
    private static final String AWS_SESSION = "AwsSessionToken0x77aa0bF";
    private static final String LK_ENV_SECRET = "LkEnvSecret0x9f3a2d1E";
    private static final String LK_FILE_SECRET = "LkFileSecret0x4c8b6e0D";
    private static final String INLINE_SECRET = "InlineSecret0x2b9d7f3A";
    private static final List<String> SECRETS = List.of(AWS_FILE_SECRET, AWS_ENV_SECRET, AWS_SESSION, LK_ENV_SECRET,
            LK_FILE_SECRET, INLINE_SECRET);
    private static final Logger APP_LOG = Logger.getLogger("io.drainboard.profile.SecretHygieneTest");

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Handler handler;
    private PrintStream out;
    private PrintStream err;
    private final Map<String, Level> levels = new HashMap<>();
    private String dataDir;

    @BeforeEach
    void captureEverything() {
        handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                logs.writeBytes(format.format(r).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        for (String name : List.of("io.drainboard", "software.amazon")) {
            levels.put(name, Logger.getLogger(name).getLevel());
            Logger.getLogger(name).setLevel(Level.ALL);
        }
        dataDir = System.getProperty("drainboard.dataDir");
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").removeHandler(handler);
        levels.forEach((n, l) -> Logger.getLogger(n).setLevel(l));
        System.setOut(out);
        System.setErr(err);
        System.clearProperty(StartupProbe.PROPERTY);
        if (dataDir == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", dataDir);
    }

    @Test
    void noSecretReachesAFileOrALog() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[voice-prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = " + AWS_FILE_SECRET + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile sso]\nsso_session = corp\nsso_account_id = 1\n"
                + "sso_role_name = R\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
        Path lkConfig = Files.writeString(tmp.resolve("cli-config.yaml"), "projects:\n  - name: prod\n"
                + "    url: wss://voice.example.com\n    api_key: APIprod\n    api_secret: " + LK_FILE_SECRET + "\n");
        Path profiles = Files.createDirectories(home.resolve(".config/drainboard/profiles"));
        Files.writeString(profiles.resolve("file-keys.yaml"), "name: file-keys\nregion: us-east-1\naws: {profile: voice-prod}\n"
                + "livekit: {lkProject: prod}\n");
        Files.writeString(profiles.resolve("env-keys.yaml"), "name: env-keys\nregion: us-east-1\n"
                + "livekit: {url: https://lk.example.com, apiKeyEnv: LIVEKIT_API_KEY, apiSecretEnv: LIVEKIT_API_SECRET}\n");
        Files.writeString(profiles.resolve("sso.yaml"), "name: sso\nregion: us-east-1\naws: {profile: sso}\n"
                + "livekit: {url: https://lk.example.com, apiKeyEnv: LIVEKIT_API_KEY, apiSecretEnv: MISSING_SECRET}\n");
        Files.writeString(profiles.resolve("inline.yaml"), "name: inline\nregion: us-east-1\nlivekit:\n"
                + "  url: https://lk.example.com\n  apiKeyEnv: K\n  apiSecret: " + INLINE_SECRET + "\n  apiSecretEnv: "
                + INLINE_SECRET + "+/=\n");
        Map<String, String> env = Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE000001",
                "AWS_SECRET_ACCESS_KEY", AWS_ENV_SECRET, "AWS_SESSION_TOKEN", AWS_SESSION,
                "LIVEKIT_API_KEY", "APIenv", "LIVEKIT_API_SECRET", LK_ENV_SECRET);
        System.setProperty("drainboard.dataDir", data.toString()); // where anything Drainboard keeps goes
        System.setProperty(StartupProbe.PROPERTY, data.resolve("startup.txt").toString());
        StartupProbe.mark("hygiene-start");

        List<String> shown = new ArrayList<>(); // everything the operator would be shown
        List<String> resolvedSecrets = new ArrayList<>();
        AwsAccess aws = new AwsAccess(env);
        LiveKitAccess liveKit = new LiveKitAccess(env, lkConfig);
        List<Path> profileFiles;
        try (Stream<Path> listed = Files.list(ProfileCatalog.standard(env).userDirectory())) {
            profileFiles = listed.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : profileFiles) {
            Profile p;
            try {
                p = ProfileLoader.load(file);
            } catch (ProfileException e) {
                shown.addAll(e.problems());
                e.problems().forEach(APP_LOG::warning);
                continue;
            }
            shown.add(p.toString());
            try {
                AwsAccess.Resolved r = aws.resolve(p);
                aws.verify(r);
                resolvedSecrets.add(r.provider().resolveCredentials().secretAccessKey());
                shown.add(r.toString());
                APP_LOG.info("opened " + p.name() + " with " + r);
            } catch (CredentialsException x) {
                shown.add(x.getMessage());
                APP_LOG.log(Level.WARNING, "AWS credentials for " + p.name(), x);
            }
            try {
                LiveKitAccess.Credentials c = liveKit.resolve(p);
                resolvedSecrets.add(c.apiSecret());
                shown.add(c.toString());
                APP_LOG.info("LiveKit for " + p.name() + ": " + c);
            } catch (CredentialsException x) {
                shown.add(x.getMessage());
                APP_LOG.log(Level.WARNING, "LiveKit credentials for " + p.name(), x);
            }
            shown.add(io.drainboard.ui.actions.Rails.of(p).toString());
            IamPolicyGenerator.run(new String[] {"--profile", p.source().toString(), "--operator"}, System.out, System.err);
        }
        StartupProbe.mark("hygiene-end");

        assertEquals(List.of(AWS_ENV_SECRET, LK_ENV_SECRET, AWS_FILE_SECRET, LK_FILE_SECRET), resolvedSecrets,
                "the secrets really flowed through resolution");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("AWS credentials from AWS profile voice-prod"), "log capture works:\n" + log);
        assertTrue(log.contains("run `aws sso login --profile sso`"), log);
        assertTrue(log.contains("'apiSecret' looks like a secret"), log);
        List<Path> written;
        try (Stream<Path> files = Files.walk(data)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertTrue(written.contains(data.resolve("startup.txt")), "the data directory scan sees what was written");
        List<String> leaks = new ArrayList<>();
        for (Path f : written) leaks.addAll(leaks(f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1)));
        leaks.addAll(leaks("log output", log));
        leaks.addAll(leaks("stdout/stderr", console.toString(StandardCharsets.UTF_8)));
        leaks.addAll(leaks("messages shown", String.join("\n", shown)));
        assertEquals(List.of(), leaks);
    }

    private static List<String> leaks(String where, String text) {
        return SECRETS.stream().filter(text::contains).map(s -> s + " found in " + where).toList();
    }
}

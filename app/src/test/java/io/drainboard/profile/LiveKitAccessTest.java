package io.drainboard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveKitAccessTest {
    private static final String SECRET = "lkSecret4b7e19c2d0aa";
    private static final String LK_CONFIG = "default_project: prod\nprojects:\n"
            + "  - name: prod\n    url: wss://voice.livekit.cloud\n    api_key: APIprod123\n    api_secret: " + SECRET + "\n"
            + "  - name: staging\n    url: https://lk-staging.example.com\n    api_key: APIstage\n    api_secret: other\n"
            + "device_name: laptop\n";

    @TempDir
    Path dir;

    private Profile profile(String livekit) throws ProfileException {
        return ProfileLoader.parse(dir.resolve("p.yaml"), "name: p\nregion: us-east-1\nlivekit:\n" + livekit);
    }

    private Path config(String text) throws Exception {
        Path f = dir.resolve("cli-config.yaml");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    @Test
    void environmentVariablesNamedByTheProfile() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of("LK_KEY", "APIk", "LK_SECRET", SECRET), dir.resolve("none.yaml"));
        LiveKitAccess.Credentials c = a.resolve(profile("  url: wss://lk.example.com\n  apiKeyEnv: LK_KEY\n  apiSecretEnv: LK_SECRET\n"));
        assertEquals("APIk", c.apiKey());
        assertEquals(SECRET, c.apiSecret());
        assertEquals("https://lk.example.com", c.httpUrl());
        assertEquals("LiveKit wss://lk.example.com (key APIk from environment variables LK_KEY/LK_SECRET, secret hidden)",
                c.toString());
    }

    @Test
    void aMissingVariableIsNamed() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of("LK_KEY", "APIk"), dir.resolve("none.yaml"));
        CredentialsException e = assertThrows(CredentialsException.class,
                () -> a.resolve(profile("  url: https://lk.example.com\n  apiKeyEnv: LK_KEY\n  apiSecretEnv: LK_SECRET\n")));
        assertEquals("environment variable LK_SECRET (named by livekit.apiSecretEnv in " + dir.resolve("p.yaml")
                + ") is not set; export it before starting Drainboard, or name an lk CLI project with livekit.lkProject",
                e.getMessage());
    }

    @Test
    void anLkProjectGivesUrlKeyAndSecret() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of(), config(LK_CONFIG));
        LiveKitAccess.Credentials c = a.resolve(profile("  lkProject: prod\n"));
        assertEquals("wss://voice.livekit.cloud", c.url());
        assertEquals("https://voice.livekit.cloud", c.httpUrl());
        assertEquals("APIprod123", c.apiKey());
        assertEquals(SECRET, c.apiSecret());
        assertFalse(c.toString().contains(SECRET));
        LiveKitAccess.Credentials staging = a.resolve(profile("  url: https://override.example.com\n  lkProject: staging\n"));
        assertEquals("https://override.example.com", staging.url(), "the profile's url wins");
    }

    @Test
    void theLkProjectIsTheFallbackWhenTheVariablesAreUnset() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of(), config(LK_CONFIG));
        LiveKitAccess.Credentials c = a.resolve(profile("  apiKeyEnv: K\n  apiSecretEnv: S\n  lkProject: prod\n"));
        assertTrue(c.source().startsWith("lk project 'prod' in "), c.source());
    }

    @Test
    void anUnknownProjectListsTheKnownOnes() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of(), config(LK_CONFIG));
        CredentialsException e = assertThrows(CredentialsException.class, () -> a.resolve(profile("  lkProject: Prod\n")));
        assertTrue(e.getMessage().contains("is not in " + dir.resolve("cli-config.yaml") + "; it has prod, staging. "
                + "Add it with `lk project add Prod"), e.getMessage());
    }

    @Test
    void aMissingConfigFileSaysHowToCreateIt() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of(), dir.resolve("nope.yaml"));
        CredentialsException e = assertThrows(CredentialsException.class, () -> a.resolve(profile("  lkProject: prod\n")));
        assertTrue(e.getMessage().startsWith("the lk CLI config " + dir.resolve("nope.yaml") + " does not exist; "
                + "create a project with `lk project add"), e.getMessage());
    }

    @Test
    void aBrokenConfigGivesTheLineButNeverItsText() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of(), config("projects:\n  - name: prod\n    api_secret: " + SECRET
                + "\n   url: [broken\n"));
        CredentialsException e = assertThrows(CredentialsException.class, () -> a.resolve(profile("  lkProject: prod\n")));
        assertTrue(e.getMessage().startsWith(dir.resolve("cli-config.yaml") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aProjectWithoutASecretIsReported() throws Exception {
        LiveKitAccess a = new LiveKitAccess(Map.of(), config("projects:\n  - {name: prod, url: https://x.example.com, api_key: K}\n"));
        CredentialsException e = assertThrows(CredentialsException.class, () -> a.resolve(profile("  lkProject: prod\n")));
        assertTrue(e.getMessage().startsWith("lk project 'prod' lacks url, api_key or api_secret"), e.getMessage());
    }

    @Test
    void aConfigOthersCanReadIsWarnedAbout() throws Exception {
        Path f = config(LK_CONFIG);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(f + " holds LiveKit secrets and can be read by other users; run chmod 600 " + f,
                LkCliConfig.read(f).warning().orElseThrow());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertTrue(LkCliConfig.read(f).warning().isEmpty());
    }
}

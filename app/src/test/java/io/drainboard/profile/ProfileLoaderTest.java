package io.drainboard.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileLoaderTest {
    private static final Path FILE = Path.of("p.yaml");

    @Test
    void theDemoProfileStartsTheEmbeddedSimulator() throws Exception {
        Profile p = ProfileLoader.load(Path.of("..", "profiles", "demo.yaml"));
        assertEquals("demo", p.name());
        assertTrue(p.embedded());
        assertEquals("demo", p.simulator().orElseThrow().scenario());
        assertEquals("us-east-1", p.primaryRegion());
        assertEquals(Duration.ofSeconds(3), p.refreshInterval());
        assertFalse(p.readOnly());
    }

    @Test
    void theAwsExampleProfileIsValid() throws Exception {
        Profile p = ProfileLoader.load(Path.of("..", "profiles", "aws-example.yaml"));
        assertFalse(p.embedded());
        assertEquals("voice-prod", p.aws().orElseThrow().profileName().orElseThrow());
        assertEquals("LIVEKIT_API_SECRET", p.liveKit().orElseThrow().apiSecretEnv().orElseThrow());
    }

    @Test
    void anUnknownKeyIsReportedWithItsLine() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "name: x\nregion: us-east-1\nsimulator:\n  scenario: demo\nreadOnyl: true\n"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("p.yaml:5: unknown key 'readOnyl'"), e.getMessage());
    }

    @Test
    void aNestedUnknownKeyIsReportedWithItsLine() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator:\n  scenario: demo\n  sped: 2\n"));
        assertTrue(e.problems().get(0).startsWith("p.yaml:4: unknown key 'sped'"), e.getMessage());
    }

    @Test
    void aSecretInTheProfileIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nlivekit:\n  url: https://lk.example.com\n  apiSecret: abc\n  apiKeyEnv: K\n"));
        assertTrue(e.getMessage().contains("p.yaml:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("never contain secrets"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: mars-1\nrefresh: soon\nreadOnly: maybe\nsimulator: {scenario: demo}\n"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("p.yaml:1:"), e.getMessage());
        assertTrue(e.problems().get(2).contains("p.yaml:3:"), e.getMessage());
    }

    @Test
    void brokenYamlSaysWhere() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator:\n  scenario: [demo\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void aMissingFileSaysWhatToDo() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(Path.of("nope.yaml")));
        assertTrue(e.getMessage().contains("profiles/"), e.getMessage());
    }
}

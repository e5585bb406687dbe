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

    @Test
    void theDemoProfileSetsCordonDrainGuardAndPerServiceOverrides() throws Exception {
        Profile p = ProfileLoader.load(Path.of("..", "profiles", "demo.yaml"));
        assertEquals(Profile.CordonMethod.EXEC_SIGNAL, p.cordon().method());
        assertEquals(2, p.drain().budget());
        assertEquals(Duration.ofMinutes(120), p.guard().lease());
        Profile.ServicePolicy sales = p.forService("voice-prod", "sales-agent");
        assertEquals(Profile.CordonMethod.NONE, sales.cordon().method());
        assertEquals(Duration.ofMinutes(6), sales.callLength().median());
        assertEquals(2, sales.drain().budget(), "an untouched section stays profile-wide");
        Profile.ServicePolicy dialer = p.forService("voice-prod", "outbound-dialer");
        assertEquals("dialer", dialer.cordon().container().orElseThrow());
        assertEquals("kill -TERM 1", dialer.cordon().command(), "unset keys of a service section come from the profile");
        assertEquals(Duration.ofMinutes(20), dialer.drain().deadline());
        assertEquals(2, dialer.drain().budget());
        Profile.ServicePolicy staging = p.forService("voice-staging", "outbound-dialer");
        assertEquals(Duration.ofMinutes(30), staging.drain().deadline(), "cluster/service keys match only that cluster");
        assertEquals("profile-wide settings", p.forService("voice-prod", "support-agent").origin());
    }

    @Test
    void theAwsExampleHasPerServiceCallSourcesAndAFilter() throws Exception {
        Profile p = ProfileLoader.load(Path.of("..", "profiles", "aws-example.yaml"));
        assertTrue(p.production());
        assertEquals(Profile.CordonMethod.HTTP, p.cordon().method());
        assertEquals(Profile.CallSource.WORKER, p.forService("voice-prod", "outbound-dialer").calls().source());
        Profile.CallSettings billing = p.forService("voice-prod", "billing-agent").calls();
        assertEquals(Profile.CallSource.CLOUDWATCH, billing.source());
        assertEquals("VoiceAgents", billing.cloudWatch().orElseThrow().namespace());
        assertTrue(p.showsService("support-agent"));
        assertTrue(p.showsService("outbound-dialer"));
        assertFalse(p.showsService("billing-api"));
    }

    @Test
    void theIncidentProfileIsReadOnlyWithAnLkProject() throws Exception {
        Profile p = ProfileLoader.load(Path.of("..", "profiles", "incident-readonly.yaml"));
        assertTrue(p.readOnly());
        assertEquals(java.util.List.of("us-east-1", "eu-west-1"), p.regions());
        assertEquals("voice-prod", p.liveKit().orElseThrow().lkProject().orElseThrow());
        assertEquals("", p.liveKit().orElseThrow().url(), "the lk project supplies the URL");
    }

    @Test
    void defaultsApplyWhenSectionsAreAbsent() throws Exception {
        Profile p = ProfileLoader.parse(FILE, "region: us-east-1\nsimulator: {}\n");
        assertEquals(Profile.CordonMethod.NONE, p.cordon().method());
        assertEquals(Profile.CallPrior.DEFAULT, p.callLength());
        assertEquals(Profile.DrainSettings.DEFAULT, p.drain());
        assertEquals(Profile.GuardSettings.DEFAULT, p.guard());
        assertTrue(p.showsService("anything"));
    }

    @Test
    void aKeyGivenTwiceIsReportedWithBothLines() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nreadOnly: true\nproduction: false\nreadOnly: false\n"));
        assertEquals("p.yaml:5: 'readOnly' is given twice (also on line 3); keep one", e.problems().get(0));
    }

    @Test
    void anUnknownKeyInAServiceSectionIsReported() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nservices:\n  agent:\n    drain:\n      budjet: 2\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:6: unknown key 'budjet'"), e.getMessage());
    }

    @Test
    void renewingAfterTheLeaseEndsIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nguard:\n  lease: 10m\n  renewBefore: 15m\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:5: guard.renewBefore (15m) must be shorter than guard.lease (10m)"),
                e.getMessage());
    }

    @Test
    void directScalingIsOffUnlessWrittenAndThenTakesEveryKey() throws Exception {
        assertTrue(ProfileLoader.parse(FILE, "region: us-east-1\nsimulator: {}\nguard: {idleHysteresis: 2m}\n").guard().direct()
                .isEmpty(), "off when absent");
        Profile p = ProfileLoader.parse(FILE, "region: us-east-1\nsimulator: {}\nguard:\n  scaling:\n"
                + "    direct: {scaleInAfter: 5m, lead: 3m, share: 0.1}\n");
        assertEquals(new Profile.DirectScaling(Duration.ofMinutes(5), Duration.ofMinutes(3), 0.1), p.guard().direct().orElseThrow());
        ProfileException missing = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nguard:\n  scaling:\n    direct: {scaleInAfter: 5m, lead: 3m}\n"));
        assertTrue(missing.getMessage().contains("guard.scaling.direct.share is required"), missing.getMessage());
        ProfileException empty = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nguard:\n  scaling:\n    direct:\n"));
        assertTrue(empty.getMessage().contains("'direct' has no value"), empty.getMessage());
        ProfileException odd = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nguard:\n  scaling:\n    direct: {scaleInAfter: 90s, lead: 3m, share: 1.5}\n"));
        assertTrue(odd.getMessage().contains("scaleInAfter is set in whole minutes"), odd.getMessage());
        assertTrue(odd.getMessage().contains("'share' must be a number"), odd.getMessage());
        ProfileException typo = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nguard:\n  scaling:\n    direct: {scaleinAfter: 5m, lead: 3m, share: 0.1}\n"));
        assertTrue(typo.getMessage().contains("unknown key 'scaleinAfter'"), typo.getMessage());
    }

    @Test
    void aLeaseLongerThanEcsAllowsIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nguard: {lease: 49h}\n"));
        assertTrue(e.getMessage().contains("'lease' must be from 1m to 48h"), e.getMessage());
    }

    @Test
    void aCallLengthP99BelowTheMedianIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\ncallLength:\n  median: 10m\n  p99: 5m\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:3: callLength.p99 must be longer than the median"), e.getMessage());
    }

    @Test
    void anUnknownCordonMethodNamesTheChoices() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\ncordon:\n  method: sigterm\n"));
        assertEquals("p.yaml:4: unknown cordon method 'sigterm'; use exec-signal, http or none", e.getMessage());
    }

    @Test
    void cloudWatchCallsNeedANamespace() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\ncalls:\n  source: cloudwatch\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:4: calls.source is cloudwatch but no namespace"), e.getMessage());
    }

    @Test
    void aPastedSecretInAnEnvNameIsRefusedWithoutEchoingIt() {
        String secret = "s3cr3t/Value+With=Symbols";
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nlivekit:\n  url: https://lk.example.com\n  apiKeyEnv: K\n  apiSecretEnv: " + secret + "\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:5: 'apiSecretEnv' must name an environment variable"), e.getMessage());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
    }

    @Test
    void anAwsAccessKeyIdAnywhereIsRefusedWithoutEchoingIt() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\ndescription: AKIAABCDEFGHIJKLMNOP\nsimulator: {}\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:2: this value looks like an AWS access key id"), e.getMessage());
        assertFalse(e.getMessage().contains("AKIAABCDEFGHIJKLMNOP"));
    }

    @Test
    void secretKeysAreRecognisedInAnySpelling() {
        for (String key : new String[] {"api_secret", "aws_secret_access_key", "SecretAccessKey", "password"}) {
            ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                    "region: us-east-1\nsimulator: {}\naws:\n  " + key + ": x\n"));
            assertTrue(e.getMessage().contains("never contain secrets"), key + ": " + e.getMessage());
        }
    }

    @Test
    void hugeAndNonFiniteNumbersAreRefused() {
        for (String v : new String[] {"99999999999999999999999", "-1", "1e400"}) {
            ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                    "region: us-east-1\nsimulator:\n  speed: " + v + "\n"));
            assertTrue(e.getMessage().startsWith("p.yaml:3: 'speed' must be a number"), v + ": " + e.getMessage());
        }
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\ndrain: {deadline: 99999999999999999h}\n"));
        assertTrue(e.getMessage().contains("'deadline' is not a duration"), e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8SaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("bin.yaml");
        java.nio.file.Files.write(f, new byte[] {'a', ':', ' ', 'b', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(f));
        assertTrue(e.getMessage().endsWith("bin.yaml:2: not UTF-8 text; save the profile as UTF-8 (is this really a profile?)"),
                e.getMessage());
    }

    /** A safety switch written without an explicit value fails closed: an error naming file:line, never the default. */
    @Test
    void aSafetyKeyWithNoValueIsAnErrorNotTheDefault() {
        String base = "region: us-east-1\nsimulator: {}\n";
        for (String nothing : new String[] {"~", "", "null", "Null", "NULL"}) {
            for (String key : new String[] {"readOnly", "production", "maxConcurrency", "refresh", "clusters",
                    "serviceFilter", "cordon", "drain", "guard"}) {
                ProfileException e = assertThrows(ProfileException.class,
                        () -> ProfileLoader.parse(FILE, base + key + ": " + nothing + "\n"), key + ": " + nothing);
                assertTrue(e.problems().get(0).startsWith("p.yaml:3: '" + key + "' has no value"), e.getMessage());
            }
            for (String nested : new String[] {"cordon: {method: " + nothing + "}", "drain: {deadline: " + nothing + "}",
                    "drain: {budget: " + nothing + "}", "drain: {survivalBar: " + nothing + "}",
                    "guard: {lease: " + nothing + "}", "guard: {renewBefore: " + nothing + "}",
                    "guard: {idleHysteresis: " + nothing + "}", "cordon:\n  drainUrl: " + nothing,
                    "services:\n  agent:\n    cordon: {method: " + nothing + "}",
                    "services:\n  agent:\n    drain: {budget: " + nothing + "}"}) {
                ProfileException e = assertThrows(ProfileException.class,
                        () -> ProfileLoader.parse(FILE, base + nested + "\n"), nested);
                assertTrue(e.getMessage().contains("has no value"), nested + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("p.yaml:"), e.getMessage());
            }
        }
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                "region: us-east-1\nsimulator: {}\nreadOnly:\nproduction: true\n"));
        assertEquals(java.util.List.of("p.yaml:3: 'readOnly' has no value (~, null or nothing after the colon); "
                + "write true or false"), e.problems());
        for (String odd : new String[] {"yes", "on", "'true'", "1", "[]", "{}"}) {
            assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, base + "readOnly: " + odd + "\n"), odd);
        }
    }

    /** A password in a URL is an inline secret like any other: refused without echoing it. */
    @Test
    void aUrlWithAUserOrPasswordIsRefusedWithoutEchoingIt() {
        String pw = "Pa55wordInUrl";
        for (String line : new String[] {"cordon: {method: http, drainUrl: 'http://drain:" + pw + "@{taskIp}:8081/drain'}",
                "calls: {source: worker, workerUrl: 'http://u:" + pw + "@{taskIp}:8081/worker'}",
                "aws: {endpoint: 'https://admin:" + pw + "@127.0.0.1:4566'}",
                "livekit: {url: 'wss://key:" + pw + "@lk.example.com', apiKeyEnv: K, apiSecretEnv: S}",
                "description: see http://ops:" + pw + "@wiki.example.com/runbook",
                "services:\n  agent:\n    cordon: {drainUrl: 'http://" + pw + "@{taskIp}/drain'}"}) {
            String text = "region: us-east-1\n" + (line.startsWith("aws") || line.startsWith("livekit") ? "calls: {source: none}\n"
                    : "simulator: {}\n") + line + "\n";
            ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, text), line);
            assertTrue(e.getMessage().matches("(?s)p\\.yaml:[35]: this URL carries a user name or password.*"), line + ": " + e.getMessage());
            assertFalse(e.getMessage().contains(pw), e.getMessage());
        }
    }

    @Test
    void theOldConstructorStillWorks() {
        Profile p = new Profile("x", FILE, "", java.util.List.of("us-east-1"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(),
                new Profile.CallSettings(Profile.CallSource.NONE, "ecs.task_arn"), Duration.ofSeconds(5), 8, false,
                false, java.util.List.of());
        assertEquals(Profile.CordonSettings.NONE, p.cordon());
        assertEquals("profile-wide settings", p.forService("c", "s").origin());
    }
}

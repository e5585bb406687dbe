package io.drainboard.profile;

import io.drainboard.profile.Profile.CallSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a profile is read where a mistake would reach the operator: a value that must be refused is refused at the
 * right line, a key left out keeps the safe default, and nothing that looks like a credential passes, wherever in
 * the file it sits (docs/profiles.md; docs/benchmarks.md, test strength).
 */
class ProfileReadingEdgesTest {
    private static final Path FILE = Path.of("p.yaml");
    private static final String SIM = "region: us-east-1\nsimulator:\n  scenario: demo\n";
    private static final String AWS = "region: us-east-1\ncalls:\n  source: none\n";
    private static final String KEY_ID = "AKIAABCDEFGHIJKLMNOP";

    private static Profile ok(String text) {
        return ok(FILE, text);
    }

    private static Profile ok(Path file, String text) {
        try {
            return ProfileLoader.parse(file, text);
        } catch (ProfileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String refused(String text) {
        return assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, text)).getMessage();
    }

    private static void assertRefused(String text, String expected) {
        String message = refused(text);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void anAwsEndpointMustBeAnHttpOrHttpsUrl() {
        assertEquals("http://127.0.0.1:4566",
                ok(AWS + "aws:\n  endpoint: http://127.0.0.1:4566\n").aws().orElseThrow().endpoint().orElseThrow());
        assertEquals("https://ecs.example", ok(AWS + "aws:\n  endpoint: https://ecs.example\n").aws().orElseThrow()
                .endpoint().orElseThrow());
        assertRefused(AWS + "aws:\n  endpoint: ecs.example:4566\n", "p.yaml:5: aws.endpoint must be a URL");
        assertRefused(AWS + "aws:\n  endpoint: ftp://ecs.example\n", "aws.endpoint must be a URL");
    }

    @Test
    void aLiveKitSectionSaysWhereItsUrlAndKeysComeFrom() {
        String lk = "region: us-east-1\naws:\n  profile: prod\nlivekit:\n";
        Profile p = ok(lk + "  url: wss://lk.example\n  apiKeyEnv: LK_KEY\n  apiSecretEnv: LK_SECRET\n");
        assertEquals("wss://lk.example", p.liveKit().orElseThrow().url());
        assertEquals("LK_SECRET", p.liveKit().orElseThrow().apiSecretEnv().orElseThrow());
        assertEquals("prod", ok(lk + "  lkProject: prod\n").liveKit().orElseThrow().lkProject().orElseThrow());
        assertRefused(lk + "  apiKeyEnv: LK_KEY\n  apiSecretEnv: LK_SECRET\n", "p.yaml:4: livekit.url is missing");
        assertRefused(lk + "  url: ftp://lk.example\n  lkProject: prod\n", "p.yaml:5: livekit.url must start with");
        assertRefused(lk + "  url: https://lk.example\n  apiKeyEnv: LK_KEY\n", "say where the LiveKit key and secret");
        assertRefused(lk + "  url: https://lk.example\n  apiSecretEnv: LK_SECRET\n", "apiKeyEnv and apiSecretEnv");
        assertRefused("region: us-east-1\naws:\n  profile: prod\n", "calls.source is livekit but there is no "
                + "'livekit:' section");
    }

    @Test
    void anAccessKeyIdIsRefusedWhereverItSitsAndNeverEchoed() {
        for (String place : new String[]{"description: 'key " + KEY_ID + " here'\n",
                "clusters: [voice, " + KEY_ID + "]\n", "services:\n  voice:\n    cordon:\n      command: x " + KEY_ID + "\n"}) {
            String message = refused(SIM + place);
            assertTrue(message.contains("looks like an AWS access key id"), message);
            assertFalse(message.contains(KEY_ID), message);
        }
    }

    @Test
    void aUrlWithAPasswordIsRefusedInAListToo() {
        String message = refused(SIM + "clusters: [voice]\nserviceFilter: ['http://u:secret@host']\n");
        assertTrue(message.contains("this URL carries a user name or password"), message);
        assertFalse(message.contains("secret@"), message);
    }

    @Test
    void aProblemWithACredentialInTheValueNeverQuotesIt() {
        for (String place : new String[]{"regions: [" + KEY_ID + "]\n", "calls:\n  source: " + KEY_ID + "\n",
                "cordon:\n  method: 'http://u:secret@host'\n", "clusters: ['http://u:secret@host']\n"}) {
            String message = refused(SIM + place);
            assertFalse(message.contains(KEY_ID), message);
            assertFalse(message.contains("secret@"), message);
            assertTrue(message.contains("a value that looks like a credential (not shown)"), message);
        }
    }

    @Test
    void userinfoIsOnlyWhatComesBeforeTheHostsEnd() {
        assertTrue(ProfileReader.hasUrlUserinfo("http://user:pw@host"));
        assertTrue(ProfileReader.hasUrlUserinfo("://u@h"));
        assertTrue(ProfileReader.hasUrlUserinfo("see http://host/ then https://u:p@h/x"));
        assertFalse(ProfileReader.hasUrlUserinfo("http://host/path@x"));
        assertFalse(ProfileReader.hasUrlUserinfo("http://host?to=a@b"));
        assertFalse(ProfileReader.hasUrlUserinfo("http://host#a@b"));
        assertFalse(ProfileReader.hasUrlUserinfo("http://host mail me@example"));
        assertFalse(ProfileReader.hasUrlUserinfo("mail me@example"));
    }

    @Test
    void aScenarioThatIsNeitherBundledNorAFileIsRefusedBeforeASimulatorStarts() {
        assertEquals("demo", ok(SIM).simulator().orElseThrow().scenario());
        assertEquals(2.0, ok("region: us-east-1\nsimulator:\n  speed: 2\n").simulator().orElseThrow().speed());
        assertEquals("demo", ok("region: us-east-1\nsimulator:\n  speed: 2\n").simulator().orElseThrow().scenario());
        assertRefused("region: us-east-1\nsimulator:\n  scenario: no-such-scenario\n", "p.yaml:3: simulator.scenario:");
        String message = refused("region: us-east-1\nsimulator:\n  scenario: ../../../../etc/passwd\n");
        assertTrue(message.contains("simulator.scenario:"), message);
        assertFalse(message.contains("root:"), message);
    }

    @Test
    void aSimulatorSpeedIsANumberNotText() {
        assertEquals(1.0, ok(SIM).simulator().orElseThrow().speed());
        assertRefused("region: us-east-1\nsimulator:\n  speed: '2'\n", "'speed' must be a number above 0");
        assertRefused(SIM + "drain:\n  survivalBar: '0.9'\n", "'survivalBar' must be a number");
    }

    @Test
    void aDrainSectionThatSetsOneKeyKeepsTheOthersSafeDefaults() {
        Profile p = ok(SIM + "drain:\n  budget: 3\n");
        assertEquals(3, p.drain().budget());
        assertEquals(0.999, p.drain().survivalBar());
        assertEquals(Duration.ofMinutes(30), p.drain().deadline());
        Profile q = ok(SIM + "drain:\n  survivalBar: 0.99\n");
        assertEquals(1, q.drain().budget());
    }

    @Test
    void regionsAreMergedInOrderAndEachOneChecked() {
        assertEquals(java.util.List.of("us-east-1", "eu-west-1"),
                ok(SIM + "regions: [us-east-1, eu-west-1]\n").regions());
        assertEquals(java.util.List.of("eu-west-1"),
                ok("regions: [eu-west-1]\nsimulator:\n  scenario: demo\n").regions());
        assertRefused("simulator:\n  scenario: demo\n", "p.yaml:1: no region; add e.g. 'region: us-east-1'");
        assertRefused("simulator:\n  scenario: demo\nregions: [us-east-1, Ireland]\n",
                "p.yaml:3: 'Ireland' is not an AWS region name");
        assertRefused("region: useast\nsimulator:\n  scenario: demo\n", "p.yaml:1: 'useast' is not an AWS region");
    }

    @Test
    void clusterNamesAndServiceFiltersAreCheckedEntryByEntry() {
        assertEquals(java.util.List.of("voice-prod", "voice_eu"), ok(SIM + "clusters: [voice-prod, voice_eu]\n").clusters());
        assertEquals(java.util.List.of("agent-*"), ok(SIM + "serviceFilter: ['agent-*']\n").serviceFilter());
        assertRefused(SIM + "clusters: [voice-prod, 'voice prod']\n",
                "p.yaml:4: 'voice prod' in 'clusters' is not an ECS cluster name");
        assertRefused(SIM + "serviceFilter: ['agent/x']\n", "'agent/x' in 'serviceFilter' is not a service name");
        assertRefused(SIM + "clusters: [voice, '']\n", "every entry of 'clusters' must be a short text value");
        assertRefused(SIM + "clusters: [[voice]]\n", "every entry of 'clusters' must be a short text value");
        String longest = "c".repeat(FieldReader.MAX_TEXT);
        assertRefused(SIM + "clusters: [" + longest + "]\n", "is not an ECS cluster name");
        assertRefused(SIM + "clusters: [" + longest + "c]\n", "every entry of 'clusters' must be a short text value");
    }

    @Test
    void refreshIsAtLeastOneSecond() {
        assertEquals(Duration.ofSeconds(1), ok(SIM + "refresh: 1s\n").refreshInterval());
        assertEquals(Duration.ofSeconds(5), ok(SIM).refreshInterval());
        assertRefused(SIM + "refresh: 999ms\n", "p.yaml:4: refresh faster than 1s");
    }

    @Test
    void servicesAreKeyedByServiceOrClusterSlashServiceAndInheritWhatTheyDoNotSet() {
        Profile p = ok(SIM + "drain:\n  budget: 4\nservices:\n  voice-prod/agent:\n    drain:\n      survivalBar: 0.99\n"
                + "  outbound: ~\n");
        Profile.ServiceSettings agent = p.services().get("voice-prod/agent");
        assertEquals(4, agent.drain().orElseThrow().budget());
        assertEquals(0.99, agent.drain().orElseThrow().survivalBar());
        assertTrue(agent.calls().isEmpty());
        assertTrue(agent.cordon().isEmpty());
        assertTrue(agent.callLength().isEmpty());
        assertTrue(p.services().get("outbound").drain().isEmpty());
        Profile q = ok(SIM + "services:\n  agent:\n    calls:\n      source: worker\n    cordon:\n      method: http\n"
                + "    callLength:\n      median: 2m\n      p99: 10m\n");
        Profile.ServiceSettings s = q.services().get("agent");
        assertEquals(CallSource.WORKER, s.calls().orElseThrow().source());
        assertEquals(Profile.CordonMethod.HTTP, s.cordon().orElseThrow().method());
        assertEquals(Duration.ofMinutes(10), s.callLength().orElseThrow().p99());
        assertRefused(SIM + "services:\n  a/b/c:\n    drain:\n      budget: 2\n", "p.yaml:5: 'a/b/c' is not a service name");
        assertRefused(SIM + "services:\n  'a b':\n    drain:\n      budget: 2\n", "'a b' is not a service name");
        assertRefused(SIM + "services:\n  agent: 3\n", "services.agent must be a mapping");
    }

    @Test
    void unknownKeysAreFoundInEverySectionAndEveryService() {
        assertRefused(SIM + "readonly: true\n", "p.yaml:4: unknown key 'readonly'; known keys here: accounts, aws, callLength");
        assertRefused(SIM + "drain:\n  budjet: 2\n", "p.yaml:5: unknown key 'budjet'; known keys here: budget, deadline");
        assertRefused(SIM + "services:\n  agent:\n    readOnly: true\n", "p.yaml:6: unknown key 'readOnly'");
        assertRefused(SIM + "services:\n  agent:\n    drain:\n      budjet: 2\n", "p.yaml:7: unknown key 'budjet'");
        assertRefused(SIM + "services:\n  agent:\n    calls:\n      cloudwatch:\n        namespce: A\n",
                "unknown key 'namespce'");
        assertRefused(SIM + "services:\n  agent:\n    apiSecret: x\n", "'apiSecret' looks like a secret");
        assertRefused(SIM + "services:\n  password: x\n", "'password' looks like a secret");
    }

    @Test
    void liveKitIsNeededOnlyWhenSomethingReadsCallsFromIt() {
        String aws = AWS + "aws:\n  profile: prod\n";
        assertTrue(ok(aws + "services:\n  agent:\n    calls:\n      source: worker\n").liveKit().isEmpty());
        assertRefused(aws + "services:\n  agent:\n    calls:\n      source: livekit\n",
                "calls.source is livekit but there is no 'livekit:' section");
    }

    @Test
    void aCallsSectionWithoutASourceKeepsTheSourceItInherits() {
        Profile p = ok(SIM + "calls:\n  source: worker\nservices:\n  agent:\n    calls:\n      taskAttribute: task\n");
        assertEquals(CallSource.WORKER, p.services().get("agent").calls().orElseThrow().source());
        assertEquals("task", p.services().get("agent").calls().orElseThrow().taskAttribute());
        assertEquals(CallSource.LIVEKIT, ok(SIM + "calls:\n  taskAttribute: t\n").calls().source());
        assertRefused(SIM + "calls:\n  workerUrl: 'http://127.0.0.1:8081/worker'\n", "p.yaml:5: workerUrl must be an "
                + "http:// URL template with {taskIp}");
    }

    @Test
    void aServiceReadingCloudWatchInheritsTheProfilesNamespaceAndNeedsOne() {
        Profile p = ok(SIM + "calls:\n  source: cloudwatch\n  cloudwatch:\n    namespace: Voice/Agents\n"
                + "services:\n  agent:\n    calls:\n      taskAttribute: t\n");
        assertEquals("Voice/Agents", p.services().get("agent").calls().orElseThrow().cloudWatch().orElseThrow().namespace());
        assertRefused(SIM + "calls:\n  source: cloudwatch\n  cloudwatch:\n    metric: m\n",
                "calls.source is cloudwatch but no namespace is set");
        assertRefused(SIM + "calls:\n  source: cloudwatch\n", "calls.source is cloudwatch but no namespace is set");
    }

    @Test
    void aProblemWithNoLineIsPinnedToLineOneAndAFileWithNoNameIsNamedProfile() {
        assertTrue(refused("simulator:\n  scenario: demo\n").startsWith("p.yaml:1: no region"));
        assertEquals("profile", ok(Path.of("/"), SIM).name());
        assertEquals("voice-prod", ok(Path.of("voice-prod.yaml"), SIM).name());
        assertEquals("voice.prod", ok(Path.of("voice.prod.yml"), SIM).name());
        assertEquals("voice", ok(Path.of("voice"), SIM).name());
    }


    @Test
    void aScreenfulOfProblemsAtMostAndTheRestCounted() {
        StringBuilder twenty = new StringBuilder(SIM);
        for (int i = 0; i < 20; i++) twenty.append("typo").append(i).append(": 1\n");
        String message = refused(twenty.toString());
        assertFalse(message.contains("more problems"), message);
        assertTrue(message.contains("unknown key 'typo19'"), message);
        StringBuilder many = new StringBuilder(twenty);
        for (int i = 20; i < 25; i++) many.append("typo").append(i).append(": 1\n");
        String capped = refused(many.toString());
        assertTrue(capped.contains("p.yaml:24: and 5 more problems; fix the ones above first"), capped);
        assertFalse(capped.contains("typo20"), capped);
    }

    @Test
    void aKeyGivenTwiceInsideASectionIsFoundAtBothLines() {
        assertRefused(SIM + "drain:\n  budget: 2\n  budget: 5\n", "p.yaml:6: 'budget' is given twice (also on line 5)");
        assertRefused(SIM + "services:\n  agent:\n    drain:\n      budget: 2\n      budget: 5\n",
                "p.yaml:8: 'budget' is given twice (also on line 7)");
        // the same key in two services, or in two sections, is no duplicate
        ok(SIM + "services:\n  a:\n    drain:\n      budget: 2\n  b:\n    drain:\n      budget: 2\n");
        ok(SIM + "drain:\n  budget: 2\nservices:\n  a:\n    drain:\n      budget: 2\n");
    }

    @Test
    void onlyTheFirstYamlDocumentIsTheProfileAndAnEmptyFileSaysWhatIsMissing() {
        Profile p = ok(SIM + "readOnly: true\n---\nreadOnly: false\nregion: eu-west-1\n");
        assertTrue(p.readOnly());
        assertEquals(java.util.List.of("us-east-1"), p.regions());
        assertTrue(refused("").startsWith("p.yaml:1: a profile is a YAML mapping of keys"));
    }

    @Test
    void aSafetySwitchInsideASectionIsReadByItsOwnSpelling() {
        // readOnly: yes after a list of mappings: the spelling is looked up at the right path
        assertRefused(SIM + "clusters: [voice]\nreadOnly: yes\n", "p.yaml:5: 'readOnly' must be true or false");
        assertTrue(ok(SIM + "clusters: [voice]\nreadOnly: true\n").readOnly());
        assertTrue(ok(SIM + "production: true\n").production());
    }
}

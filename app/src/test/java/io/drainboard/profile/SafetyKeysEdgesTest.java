package io.drainboard.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profile's safety keys at their limits: each limit itself is accepted, one step past it is refused at
 * file:line, and a refused key never falls back to a weaker rail (docs/benchmarks.md, test strength).
 */
class SafetyKeysEdgesTest {
    private static final Path FILE = Path.of("p.yaml");
    private static final String BASE = "region: us-east-1\nsimulator:\n  scenario: demo\n";

    private static Profile ok(String extra) {
        try {
            return ProfileLoader.parse(FILE, BASE + extra);
        } catch (ProfileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String refused(String extra) {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, BASE + extra));
        return e.getMessage();
    }

    private static void assertRefused(String extra, String expected) {
        String message = refused(extra);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void readOnlyTakesOnlyTheWordsTrueOrFalse() {
        assertTrue(ok("readOnly: true\n").readOnly());
        assertFalse(ok("readOnly: false\n").readOnly());
        assertFalse(ok("").readOnly());
        assertRefused("readOnly: yes\n", "p.yaml:4: 'readOnly' must be true or false");
        assertRefused("readOnly: 1\n", "'readOnly' must be true or false");
        assertTrue(refused("readOnly: \"true\"\n").contains("'readOnly' must be true or false"));
        assertRefused("readOnly:\n", "'readOnly' has no value");
    }

    @Test
    void theDrainBudgetIsOneToAHundredTasks() {
        assertEquals(1, ok("drain:\n  budget: 1\n").drain().budget());
        assertEquals(100, ok("drain:\n  budget: 100\n").drain().budget());
        assertRefused("drain:\n  budget: 0\n", "'budget' must be a whole number from 1 to 100");
        assertRefused("drain:\n  budget: 101\n", "'budget' must be a whole number from 1 to 100");
        assertRefused("drain:\n  budget: 2.5\n", "'budget' must be a whole number");
    }

    @Test
    void theSurvivalBarIsAboveOneHalfAndAtMostSixNines() {
        assertEquals(0.999999, ok("drain:\n  survivalBar: 0.999999\n").drain().survivalBar());
        assertEquals(0.5000001, ok("drain:\n  survivalBar: 0.5000001\n").drain().survivalBar());
        assertRefused("drain:\n  survivalBar: 0.5\n", "'survivalBar' must be a number above 0.5");
        assertRefused("drain:\n  survivalBar: 1\n", "'survivalBar' must be a number above 0.5");
        assertRefused("drain:\n  survivalBar: 1e400\n", "'survivalBar' must be a number");
        assertRefused("drain:\n  survivalBar: high\n", "'survivalBar' must be a number");
    }

    @Test
    void theDrainDeadlineIsAMinuteToTwoDays() {
        assertEquals(Duration.ofMinutes(1), ok("drain:\n  deadline: 1m\n").drain().deadline());
        assertEquals(Duration.ofHours(48), ok("drain:\n  deadline: 2d\n").drain().deadline());
        assertRefused("drain:\n  deadline: 59s\n", "'deadline' must be from 1m to 48h");
        assertRefused("drain:\n  deadline: 49h\n", "'deadline' must be from 1m to 48h");
        assertRefused("drain:\n  deadline: soon\n", "'deadline' is not a duration");
    }

    @Test
    void theGuardLeaseIsWholeMinutesWithinEcssLimitAndRenewedBeforeItEnds() {
        Profile.GuardSettings g = ok("guard:\n  lease: 1m\n  renewBefore: 10s\n  idleHysteresis: 0s\n").guard();
        assertEquals(Duration.ofMinutes(1), g.lease());
        assertEquals(Duration.ofSeconds(10), g.renewBefore());
        assertEquals(Duration.ZERO, g.idleHysteresis());
        assertEquals(Duration.ofMinutes(2880), ok("guard:\n  lease: 48h\n").guard().lease());
        assertRefused("guard:\n  lease: 2881m\n", "'lease' must be from 1m to 48h");
        assertRefused("guard:\n  lease: 90s\n", "guard.lease is set in whole minutes");
        assertRefused("guard:\n  lease: 30m\n  renewBefore: 30m\n", "guard.renewBefore (30m) must be shorter than guard.lease (30m)");
        assertEquals(Duration.ofMinutes(29), ok("guard:\n  lease: 30m\n  renewBefore: 29m\n").guard().renewBefore());
        assertRefused("guard:\n  renewBefore: 9s\n", "'renewBefore' must be from 10s to 48h");
        assertRefused("guard:\n  idleHysteresis: 61m\n", "'idleHysteresis' must be from 0ms to 1h");
    }

    @Test
    void theCallLengthP99MustExceedItsMedian() {
        Profile.CallPrior c = ok("callLength:\n  median: 1s\n  p99: 2s\n").callLength();
        assertEquals(Duration.ofSeconds(1), c.median());
        assertRefused("callLength:\n  median: 5m\n  p99: 5m\n", "callLength.p99 must be longer than the median");
    }

    @Test
    void aCordonMethodOrUrlThatCannotWorkIsRefused() {
        assertEquals(Profile.CordonMethod.HTTP, ok("cordon:\n  method: http\n").cordon().method());
        assertEquals(Profile.CordonMethod.EXEC_SIGNAL, ok("cordon:\n  method: exec-signal\n").cordon().method());
        assertEquals(Profile.CordonMethod.NONE, ok("cordon:\n  method: none\n").cordon().method());
        assertRefused("cordon:\n  method: sigterm\n", "unknown cordon method 'sigterm'");
        assertRefused("cordon:\n  method: http\n  drainUrl: http://10.0.0.1:8081/drain\n", "drainUrl must be an http:// URL template with {taskIp}");
    }

    @Test
    void aServiceKeepsTheProfileWideRailsItDoesNotOverride() {
        Profile p = ok("drain:\n  budget: 3\ncordon:\n  method: http\nservices:\n  c/svc:\n    drain:\n      deadline: 10m\n");
        Profile.ServicePolicy s = p.forService("c", "svc");
        assertEquals(Duration.ofMinutes(10), s.drain().deadline());
        assertEquals(3, s.drain().budget(), "the budget is the profile's unless the service sets it");
        assertEquals(Profile.CordonMethod.HTTP, s.cordon().method());
        assertEquals(3, p.forService("c", "other").drain().budget());
    }

    @Test
    void aServiceEntryMustNameAServiceAndBeAMapping() {
        assertRefused("services:\n  a/b/c:\n    drain: {budget: 2}\n", "'a/b/c' is not a service name");
        assertRefused("services:\n  \"svc;rm\":\n    drain: {budget: 2}\n", "is not a service name");
        assertRefused("services:\n  svc: 3\n", "services.svc must be a mapping");
        Profile p = ok("drain:\n  budget: 4\nservices:\n  svc:\n");
        assertEquals(4, p.forService("c", "svc").drain().budget(), "an empty entry keeps every profile-wide rail");
        assertEquals("services.svc", p.forService("c", "svc").origin());
    }

    @Test
    void refreshingFasterThanOnceASecondIsRefused() {
        assertEquals(Duration.ofSeconds(1), ok("refresh: 1s\n").refreshInterval());
        assertRefused("refresh: 999ms\n", "refresh faster than 1s");
    }

    @Test
    void aProfileIsEitherTheSimulatorOrAwsAndAwsWithLiveKitCallsNeedsLiveKit() {
        assertRefused("aws:\n  profile: prod\n", "either the embedded simulator or AWS, not both");
        String aws = "region: us-east-1\naws:\n  profile: prod\n";
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, aws));
        assertTrue(e.getMessage().contains("calls.source is livekit but there is no 'livekit:' section"), e.getMessage());
        ProfileException s = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE,
                aws + "calls:\n  source: none\nservices:\n  svc:\n    calls:\n      source: livekit\n"));
        assertTrue(s.getMessage().contains("no 'livekit:' section"), "one service on LiveKit needs it too: " + s.getMessage());
        assertDoesNotThrow(() -> ProfileLoader.parse(FILE, aws + "calls:\n  source: none\n"));
    }

    @Test
    void aFileThatIsNoMappingOrHasABadNameIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, "- a\n- b\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:1: a profile is a YAML mapping"), e.getMessage());
        assertRefused("name: \"prod; rm -rf\"\n", "'name' must be 1–64 letters");
    }

    @Test
    void aSafetyKeyGivenTwiceIsRefusedNotSilentlyTheLastOne() {
        assertRefused("readOnly: true\nreadOnly: false\n", "'readOnly' is given twice (also on line 4)");
    }

    @Test
    void textAndListsHaveALengthLimitAndListsMustBeLists() {
        String longest = "a".repeat(FieldReader.MAX_TEXT);
        assertEquals(longest, ok("description: " + longest + "\n").description());
        assertRefused("description: " + longest + "a\n", "is 2001 characters long; at most 2000");
        assertRefused("description: \"  \"\n", "'description' must be a non-empty text value");
        assertRefused("clusters: voice\n", "'clusters' must be a list");
        assertRefused("clusters: [voice, \"\"]\n", "every entry of 'clusters' must be a short text value");
        assertRefused("clusters: [voice, [a]]\n", "every entry of 'clusters' must be a short text value");
        assertEquals(java.util.List.of("voice", "text"), ok("clusters: [voice, text]\n").clusters());
        assertRefused("clusters:\n", "'clusters' has no value");
        assertRefused("cordon: http\n", "'cordon' must be a mapping of keys");
    }

    @Test
    void limitsAreShownInTheUnitsAnOperatorWrites() {
        assertEquals("500ms", FieldReader.show(Duration.ofMillis(500)));
        assertEquals("1s", FieldReader.show(Duration.ofSeconds(1)));
        assertEquals("90s", FieldReader.show(Duration.ofSeconds(90)));
        assertEquals("1m", FieldReader.show(Duration.ofMinutes(1)));
        assertEquals("90m", FieldReader.show(Duration.ofMinutes(90)));
        assertEquals("2h", FieldReader.show(Duration.ofHours(2)));
    }

    /** The guard's scale-in of chosen tasks cordons busy tasks: off unless written as true, an odd value refused. */
    @Test
    void chosenScaleInIsOffUnlessWrittenTrueAndAnOddValueIsRefusedAtItsLine() {
        assertFalse(ok("").guard().chosenScaleIn(), "a missing key is off");
        assertFalse(ok("guard:\n  idleHysteresis: 3m\n").guard().chosenScaleIn(), "a guard section without it is off");
        assertFalse(ok("guard:\n  chosenScaleIn: false\n").guard().chosenScaleIn());
        assertTrue(ok("guard:\n  chosenScaleIn: true\n").guard().chosenScaleIn());
        assertRefused("guard:\n  chosenScaleIn: yes\n", "p.yaml:5: 'chosenScaleIn' must be true or false");
        assertRefused("guard:\n  chosenScaleIn: \"true\"\n", "'chosenScaleIn' must be true or false");
        assertRefused("guard:\n  chosenScaleIn:\n", "'chosenScaleIn' has no value");
        assertRefused("guard:\n  chosenScaleIns: true\n", "chosenScaleIns");
    }
}

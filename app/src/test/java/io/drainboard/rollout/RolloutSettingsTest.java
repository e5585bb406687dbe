package io.drainboard.rollout;

import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.DrainPlan;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rollout's settings mean to the old tasks, in plain unit tests: how many replacements wait beside them, when
 * they are leaned, how each one is drained and stopped, and that a copy with one setting changed keeps the rails.
 */
class RolloutSettingsTest {
    private static RolloutSettings settings(String cordon, boolean lean) {
        return new RolloutSettings(cordon, null, "kill -TERM 1", "http://{taskIp}:8081/drain", 2, 2,
                Duration.ofMinutes(60), Duration.ofMinutes(20), Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMinutes(10), 3, 240, 1500, 0.999, lean);
    }

    @Test
    void leanedRolloutsKeepHalfTheServiceAsSparesAndNeverFewerThanMaxParallel() {
        // Leaning steers new calls only while the replacements have room (RolloutBench, docs/benchmarks.md).
        assertEquals(10, RolloutSettings.defaultSpares(1, 20, true));
        assertEquals(10, RolloutSettings.defaultSpares(4, 20, true));
        assertEquals(11, RolloutSettings.defaultSpares(1, 21, true), "rounded up: ⌈10.5⌉");
        assertEquals(12, RolloutSettings.defaultSpares(12, 20, true), "never fewer than maxParallel");
        assertEquals(2, RolloutSettings.defaultSpares(1, 3, true), "⌈1.5⌉");
        assertEquals(1, RolloutSettings.defaultSpares(1, 20, false), "not leaning: as many as maxParallel");
        assertEquals(4, RolloutSettings.defaultSpares(4, 20, false));
    }

    @Test
    void onlyAnHttpCordonWithLeaningOnLeansTheOldTasks() {
        assertTrue(settings("http", true).leans());
        assertFalse(settings("http", false).leans(), "--no-lean");
        // The lean route sits next to the http drain route: a signalled or uncordoned worker has none.
        assertFalse(settings("exec-signal", true).leans());
        assertFalse(settings("none", true).leans());
        assertTrue(settings("http", false).withLean(true).leans());
        assertFalse(settings("http", true).withLean(false).leans());
    }

    @Test
    void anOldTaskIsStoppedOnlyOnceDrainedAndItsDeadlineNeverForcesAStop() {
        RolloutSettings s = settings("http", true);
        DrainPlan p = s.drainPlan();
        assertEquals(CordonMethod.HTTP, p.method());
        assertEquals(DrainPlan.Finish.STOP, p.finish(), "StopTask on the idle task, not a release to ECS");
        assertEquals(DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, p.onDeadline(), "a deadline alerts, never cuts");
        assertEquals(Duration.ofMinutes(30), p.deadline());
        assertEquals(Duration.ofMinutes(60), p.lease(), "the drain renews the rollout's lease");
        assertEquals(Duration.ofMinutes(20), p.renewBefore());
        assertEquals(0.999, p.riskBar());
    }

    @Test
    void aTaskWhoseCordonCannotBeTrustedIsStoppedOnlyWhenIdle() {
        DrainPlan p = settings("exec-signal", false).idleOnlyPlan();
        assertEquals(CordonMethod.NONE, p.method(), "never signalled again");
        assertEquals(DrainPlan.Finish.STOP, p.finish());
        assertEquals(DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, p.onDeadline());
        assertTrue(p.riskBar() > 1, "no chance of survival passes the bar: no busy task is stopped on a forecast");
        assertEquals(Duration.ofMinutes(60), p.lease());
    }

    @Test
    void aCopyWithOneSettingChangedKeepsTheOthersAndTheRails() {
        RolloutSettings s = settings("http", true);
        assertEquals(4, s.withMaxParallel(4).maxParallel());
        assertEquals(2, s.withMaxParallel(4).spares());
        assertEquals(7, s.withSpares(7).spares());
        assertEquals(2, s.withSpares(7).maxParallel());
        assertEquals(Duration.ofSeconds(10), s.withGate(Duration.ofSeconds(10)).gate());
        assertEquals(Duration.ofMinutes(120), s.withLease(Duration.ofMinutes(120), Duration.ofMinutes(40)).lease());
        assertEquals(Duration.ofMinutes(40), s.withLease(Duration.ofMinutes(120), Duration.ofMinutes(40)).renewBefore());
        assertEquals(s, s.withLean(true));
        // A copy is checked like the original: a lease renewed at its end would lapse, a rollout of 0 at a time never ends.
        assertThrows(IllegalArgumentException.class, () -> s.withLease(Duration.ofMinutes(20), Duration.ofMinutes(20)));
        assertThrows(IllegalArgumentException.class, () -> s.withMaxParallel(0));
        assertThrows(IllegalArgumentException.class, () -> s.withSpares(-1));
    }

    @Test
    void aServicesProfileSettingsBecomeItsRolloutSettings() throws Exception {
        Profile p = ProfileLoader.load(Path.of("..", "profiles", "demo.yaml"));
        RolloutSettings sales = RolloutSettings.of(p.forService("voice-prod", "sales-agent"), 3);
        assertEquals(CordonMethod.NONE, sales.method());
        assertEquals(3, sales.maxParallel());
        assertEquals(3, sales.spares(), "spares follow maxParallel until the service's size is known");
        assertEquals(Duration.ofMinutes(6).toSeconds(), sales.callMedianSeconds(), "the service's own call length");
        assertFalse(sales.leans(), "no lean without the http cordon");
        assertEquals(RolloutSettings.DEFAULT_LEASE, sales.lease());
        assertEquals(RolloutSettings.DEFAULT_GATE, sales.gate());
        RolloutSettings dialer = RolloutSettings.of(p.forService("voice-prod", "outbound-dialer"), 1);
        assertEquals("dialer", dialer.execContainer());
        assertEquals(Duration.ofMinutes(20), dialer.drainDeadline());
    }
}

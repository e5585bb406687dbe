package io.drainboard.rollout;

import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.DrainPlan;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.drainboard.rollout.Snapshots.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rollout keeps and prints, at the edges the mutation run found unpinned: the settings a rollout runs with
 * (each change keeps every other setting), the spares it asks ECS for, the journal a resumed console trusts and an
 * operator reads with {@code tail}, the lock holder it names, and the dry run's lines (docs/benchmarks.md).
 */
class RolloutRecordsEdgesTest {
    @TempDir
    Path dir;

    private static RolloutSettings http() {
        return new RolloutSettings("http", "agent", "kill -TERM 1", "http://{taskIp}:8081/drain", 2, 3,
                Duration.ofMinutes(60), Duration.ofMinutes(20), Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMinutes(10), 3, 240, 1500, 0.999, true);
    }

    private static RolloutMemory memory(String id) {
        RolloutMemory m = new RolloutMemory();
        m.id = id;
        m.spec = Snapshots.spec(Snapshots.settings("exec-signal", 2));
        m.target = m.spec.to();
        m.targetLabel = m.spec.toLabel();
        m.startedAt = NOW;
        return m;
    }

    @Test
    void leaningKeepsThirtyPercentOfTheServiceAsSparesAndNeverFewerThanMaxParallel() {
        assertEquals(6, RolloutSettings.defaultSpares(1, 20, true));
        assertEquals(3, RolloutSettings.defaultSpares(1, 10, true));
        assertEquals(4, RolloutSettings.defaultSpares(1, 11, true), "30 % of 11 is 3.3: round up, a task is whole");
        assertEquals(8, RolloutSettings.defaultSpares(8, 20, true));
        assertEquals(2, RolloutSettings.defaultSpares(2, 0, true));
        assertEquals(2, RolloutSettings.defaultSpares(2, 20, false));
    }

    @Test
    void onlyAnHttpCordonLeans() {
        assertTrue(http().leans());
        assertFalse(http().withLean(false).leans());
        RolloutSettings exec = new RolloutSettings("exec-signal", null, "kill -TERM 1", "http://{taskIp}:8081/drain", 1,
                1, Duration.ofMinutes(60), Duration.ofMinutes(20), Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMinutes(10), 3, 240, 1500, 0.999, true);
        assertFalse(exec.leans(), "the lean route sits beside the http drain route; an exec-signal worker has none");
    }

    @Test
    void eachChangeToTheSettingsKeepsEveryOtherSetting() {
        RolloutSettings s = http();
        assertEquals(4, s.withMaxParallel(4).maxParallel());
        assertEquals(s.withMaxParallel(4), new RolloutSettings(s.cordon(), s.execContainer(), s.execCommand(),
                s.drainUrl(), 4, s.spares(), s.lease(), s.renewBefore(), s.gate(), s.drainDeadline(), s.lockTtl(),
                s.failuresToPause(), s.callMedianSeconds(), s.callP99Seconds(), s.riskBar(), s.lean()));
        assertEquals(s.withSpares(7).withMaxParallel(2), s.withSpares(7));
        assertEquals(7, s.withSpares(7).spares());
        assertEquals(Duration.ofSeconds(90), s.withGate(Duration.ofSeconds(90)).gate());
        assertEquals(s.withGate(Duration.ofSeconds(90)).withGate(s.gate()), s);
        RolloutSettings l = s.withLease(Duration.ofMinutes(120), Duration.ofMinutes(30));
        assertEquals(Duration.ofMinutes(120), l.lease());
        assertEquals(Duration.ofMinutes(30), l.renewBefore());
        assertEquals(l.withLease(s.lease(), s.renewBefore()), s);
        assertFalse(s.withLean(false).lean());
        assertEquals(s.withLean(false).withLean(true), s);
    }

    @Test
    void aDrainWaitsPastItsDeadlineAndTheIdleOnlyFallbackNeverStopsABusyTask() {
        RolloutSettings s = http();
        DrainPlan p = s.drainPlan();
        assertEquals(CordonMethod.HTTP, p.method());
        assertEquals(DrainPlan.Finish.STOP, p.finish());
        assertEquals(DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, p.onDeadline());
        assertEquals(Duration.ofMinutes(30), p.deadline());
        assertEquals(Duration.ofMinutes(60), p.lease());
        assertEquals(Duration.ofMinutes(20), p.renewBefore());
        assertEquals(0.999, p.riskBar());
        DrainPlan idle = s.idleOnlyPlan();
        assertEquals(CordonMethod.NONE, idle.method());
        assertEquals(DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND, idle.onDeadline());
        assertEquals(Duration.ofMinutes(60), idle.lease());
        assertTrue(idle.riskBar() > 1, "no probability reaches the bar: a busy task is never stopped on a prediction");
    }

    @Test
    void theProfilesServicePolicyBecomesTheRolloutsSettings() throws Exception {
        Profile p = ProfileLoader.parse(Path.of("p.yaml"), "region: us-east-1\nsimulator:\n  scenario: demo\n"
                + "cordon:\n  method: http\ndrain:\n  deadline: 45m\n  survivalBar: 0.99\ncallLength:\n  median: 2m\n"
                + "  p99: 10m\nservices:\n  signal:\n    cordon:\n      method: exec-signal\n      container: agent\n");
        RolloutSettings http = RolloutSettings.of(p.forService("voice", "agent"), 2);
        assertEquals("http", http.cordon());
        assertTrue(http.leans());
        assertEquals(2, http.maxParallel());
        assertEquals(2, http.spares());
        assertEquals(Duration.ofMinutes(45), http.drainDeadline());
        assertEquals(0.99, http.riskBar());
        assertEquals(120, http.callMedianSeconds());
        assertEquals(600, http.callP99Seconds());
        RolloutSettings exec = RolloutSettings.of(p.forService("voice", "signal"), 1);
        assertEquals("exec-signal", exec.cordon());
        assertEquals("agent", exec.execContainer());
        assertFalse(exec.leans());
    }

    @Test
    void aDrainHasEndedOnlyOnceItsEndIsRecorded() {
        DrainMemo d = new DrainMemo("t1", null, NOW);
        assertFalse(d.ended());
        d.endedAt = NOW.plusSeconds(30);
        assertTrue(d.ended());
    }

    @Test
    void theJournalOnDiskIsOneRecordPerLineWithNoEmptyLines() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        RolloutMemory m = memory("r1");
        j.record(m, NOW, "start");
        j.record(m, NOW.plusSeconds(1), "locked");
        j.record(m, NOW.plusSeconds(2), "protected");
        List<String> raw = Files.readAllLines(j.file("r1"), StandardCharsets.UTF_8);
        assertEquals(3, raw.size(), String.join("\n", raw));
        assertTrue(raw.stream().noneMatch(String::isBlank));
    }

    @Test
    void anEmptyJournalFileOrOneWithBlankLinesKeepsTheNumbering() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        Files.createDirectories(dir);
        Files.createFile(j.file("r1"));
        RolloutMemory m = memory("r1");
        j.record(m, NOW, "start");
        Files.writeString(j.file("r1"), "\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        j.record(m, NOW.plusSeconds(1), "locked");
        assertEquals(List.of(1L, 2L), j.lines("r1").stream().map(RolloutJournal.Line::seq).toList());
    }

    @Test
    void aJournalThatCannotBeWrittenIsSaidBeforeTheRolloutStarts() throws Exception {
        assertEquals(java.util.Optional.empty(), new RolloutJournal(dir.resolve("ok")).writable());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        java.util.Optional<String> why = new RolloutJournal(file.resolve("rollouts")).writable();
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("cannot be written"), why.get());
        assertTrue(why.get().startsWith(file.resolve("rollouts").toString()), why.get());
        assertEquals(dir.resolve("ok"), new RolloutJournal(dir.resolve("ok")).directory());
    }

    @Test
    void aJournaledRolloutsSpecIsReadBackAndAMissingOneIsNamed() {
        RolloutJournal j = new RolloutJournal(dir);
        RolloutMemory m = memory("r1");
        j.record(m, NOW, "start");
        assertEquals(m.spec, j.spec("r1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> j.spec("r9"));
        assertTrue(e.getMessage().contains("no rollout journal r9 in " + dir), e.getMessage());
    }

    @Test
    void aClosedJournalReleasesItsClaimsSoTheNextEngineMayDrive() {
        RolloutJournal first = new RolloutJournal(dir);
        JournalClaim c = first.claim("voice/agent", "p1", "alice");
        assertNotNull(c);
        RolloutJournal second = new RolloutJournal(dir);
        assertThrows(RolloutRefused.class, () -> second.claim("voice/agent", "p2", "bob"));
        first.close();
        second.claim("voice/agent", "p2", "bob");
        second.close();
        first.claim("voice/agent", "p3", "alice");
        first.close();
    }

    @Test
    void unfinishedRolloutsAreTheJournalsNewestFirst() {
        RolloutJournal j = new RolloutJournal(dir);
        j.record(memory("20261201-a"), NOW, "start");
        j.record(memory("20261203-b"), NOW, "start");
        assertEquals(List.of("20261203-b", "20261201-a"), j.unfinished());
    }

    @Test
    void theLockHolderNamesItsProcessOnlyWhenItIsKnown() {
        Instant until = Instant.parse("2026-12-07T03:40:00Z");
        assertEquals("alice@laptop (process 4242) until 2026-12-07T03:40:00Z (rollout r1)",
                new LockHolder("alice", "laptop", until, "l1", "r1", "p", 4242).describe());
        assertEquals("alice@laptop (process 1) until 2026-12-07T03:40:00Z (rollout r1)",
                new LockHolder("alice", "laptop", until, "l1", "r1", "p", 1).describe());
        assertEquals("alice@laptop until 2026-12-07T03:40:00Z (rollout r1)",
                new LockHolder("alice", "laptop", until, "l1", "r1", "p", 0).describe());
        assertEquals("alice@laptop until 2026-12-07T03:40:00Z (rollout r1)",
                new LockHolder("alice", "laptop", until, "l1", "r1").describe());
    }

    @Test
    void aLockTagOfExactlyEcssLimitIsKeptWhole() {
        Instant until = Instant.parse("2026-12-07T03:40:00Z");
        String base = new LockHolder("alice", "laptop", until, "l1", "", "p", 7).tagValue();
        int room = 256 - base.length() + 1; // "rollout=?" becomes "rollout=" + room characters
        String value = new LockHolder("alice", "laptop", until, "l1", "r".repeat(room), "p", 7).tagValue();
        assertEquals(256, value.length());
        assertTrue(value.endsWith("r"), value);
        assertEquals("r".repeat(room), LockHolder.parse(value).orElseThrow().rollout());
    }

    @Test
    void theDryRunSaysWhatIsKnownAboutEachTaskAndNothingMore() {
        assertEquals(" 1. t-idle  0 call(s), idle in " + Progress.minutes(0) + "–" + Progress.minutes(0),
                new RolloutPlan.Drain(1, "t-idle", 0, 0, 0, 0).line());
        String busy = new RolloutPlan.Drain(2, "t-busy", 2, 600, 60, 1200).line();
        assertEquals(" 2. t-busy  2 call(s), oldest " + Progress.minutes(600) + ", idle in " + Progress.minutes(60)
                + "–" + Progress.minutes(1200), busy);
        assertEquals(" 3. t-dark  calls unknown, idle time unknown",
                new RolloutPlan.Drain(3, "t-dark", 0, 0, 0, 0, false).line());
        RolloutPlan plan = new RolloutPlan("voice/agent", "agent:7", "agent:8", 1, 200, 1,
                List.of(new RolloutPlan.Drain(1, "t-idle", 0, 0, 0, 0)), Duration.ofMinutes(20), Duration.ofMinutes(95),
                0, List.of("suspend scale-in"), List.of());
        assertEquals("20 m–1 h 35 m", plan.durationWords());
        assertTrue(plan.lines().get(0).endsWith("predicted 20 m–1 h 35 m, calls affected: 0"), plan.lines().get(0));
    }

    @Test
    void theDryRunsRangeIsTheFirstDrainPlusTheTypicalDrainForEachLaterOne() {
        var svc = Snapshots.service(3, List.of(Snapshots.task("a", 60), Snapshots.task("b", 300), Snapshots.task("c", 900)));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), java.util.Optional.empty(), NOW);
        double first = Progress.START_UP.toSeconds() + 60, step = Progress.PASS_LAG.toSeconds();
        List<RolloutPlan.Drain> o = p.order();
        double medianLow = Progress.median(o.stream().map(RolloutPlan.Drain::idleP10).toList());
        double medianHigh = Progress.median(o.stream().map(RolloutPlan.Drain::idleP90).toList());
        assertTrue(o.get(0).idleP90() > 0 && medianHigh > 0, o.toString());
        assertEquals((long) (first + o.get(0).idleP10() + step + 2 * (medianLow + step)), p.low().toSeconds());
        assertEquals((long) (first + o.get(0).idleP90() + step + 2 * (medianHigh + step)), p.high().toSeconds());
        assertEquals(300, o.stream().filter(d -> d.taskId().equals("b")).findFirst().orElseThrow().oldestSeconds());
    }

    @Test
    void withoutACordonTheDryRunStatesTheExpectedCutFromTheRiskBar() {
        var svc = Snapshots.service(4, List.of(Snapshots.task("a"), Snapshots.task("b"), Snapshots.task("c"),
                Snapshots.task("d")));
        RolloutPlan p = Planner.plan(svc, Snapshots.spec(Snapshots.settings("none", 1)), java.util.Optional.empty(), NOW);
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("p ≥ 0.999 (expected cut ≤ 0.004 call in all)")),
                p.notes().toString());
        RolloutPlan h = Planner.plan(svc, Snapshots.spec(Snapshots.settings("http", 1)), java.util.Optional.empty(), NOW);
        assertTrue(h.notes().stream().noneMatch(n -> n.contains("expected cut")), h.notes().toString());
    }

    @Test
    void aTaskWhoseCallsAreUnknownIsListedLastAndLeftOutOfTheDuration() {
        var known = Snapshots.service(2, List.of(Snapshots.task("a", 120)));
        var both = Snapshots.service(2, List.of(Snapshots.unknownCalls("u1"), Snapshots.task("a", 120)));
        var settings = Snapshots.spec(Snapshots.settings("http", 1));
        RolloutPlan k = Planner.plan(known, settings, java.util.Optional.empty(), NOW);
        RolloutPlan b = Planner.plan(both, settings, java.util.Optional.empty(), NOW);
        assertEquals(List.of("a", "u1"), b.order().stream().map(RolloutPlan.Drain::taskId).toList());
        assertFalse(b.order().get(1).callsKnown());
        assertEquals(List.of(1, 2), b.order().stream().map(RolloutPlan.Drain::position).toList());
        assertTrue(b.order().get(0).callsKnown());
        assertEquals(k.low(), b.low());
        assertEquals(k.high(), b.high());
        assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("calls unknown on 1 task(s) (u1)")), b.notes().toString());
        assertTrue(k.notes().stream().noneMatch(n -> n.startsWith("calls unknown")), k.notes().toString());
    }

    @Test
    void theDryRunPromisesToSuspendScaleInOnlyWhereItIsOnAndSaysWhenItCouldNotLook() {
        var svc = Snapshots.service(2, List.of(Snapshots.task("a")));
        var spec = Snapshots.spec(Snapshots.settings("http", 1));
        var on = new io.drainboard.aws.ScalableTargetGateway.Scaling(2, 8, false, false, false);
        RolloutPlan p = Planner.plan(svc, spec, java.util.Optional.of(on), NOW);
        assertTrue(p.changes().stream().anyMatch(c -> c.startsWith("suspend dynamic scale-in (")), p.changes().toString());
        RolloutPlan e = Planner.plan(svc, spec, java.util.Optional.empty(), java.util.Optional.of("AccessDenied"), NOW);
        assertTrue(e.changes().stream().anyMatch(c -> c.contains("could not be read now: AccessDenied")),
                e.changes().toString());
    }
}

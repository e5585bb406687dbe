package io.drainboard.scaling.lab;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab's figures against the simulator's ground truth on a short surge: every planned call is offered, served or
 * refused; protected workers scaled on sessions cut none; the same policy without protection and with a quick
 * scale-in cuts calls on Fargate; CPU scaling leaves callers waiting; the bound is what it says.
 */
class ScalingLabTest {
    private static final LabService SVC = new LabService("voice", "agent", "FARGATE", 120, 4, Duration.ofHours(1),
            Duration.ofSeconds(60), Duration.ofMinutes(4), Duration.ofMinutes(25));

    /** 30 minutes quiet, a surge to 60 sessions within 5 minutes for 40 minutes, then back to 6 for 80 minutes. */
    static TrafficShape surge() {
        double[] s = new double[150];
        for (int m = 0; m < s.length; m++) s[m] = m < 30 ? 6 : m < 35 ? 6 + 54 * (m - 30) / 5.0 : m < 75 ? 60 : 6;
        return new TrafficShape("test-surge", s);
    }

    @Test
    void figuresMatchTheGroundTruth() {
        ScalingLab.Comparison c = ScalingLab.compare(SVC, surge(), List.of(LabPolicy.recommended(2, 40),
                LabPolicy.parse("recommended:protect=false", null, 2, 40), LabPolicy.cpu(2, 40)), 3);
        LabResult rec = c.results().get(0), loose = c.results().get(1), cpu = c.results().get(2);
        for (LabResult r : c.results()) {
            assertEquals(c.calls(), r.offered(), r.policy() + ": every planned call was offered");
            assertTrue(r.taskHours() > 0 && r.tasksPerMinute().length == 150);
        }
        assertEquals(0, rec.cut(), "protected workers: scale-in takes idle tasks only");
        assertTrue(rec.scaleOuts() > 0 && rec.scaleIns() > 0, "it scaled out for the surge and back in");
        assertTrue(loose.cut() > 0, "unprotected, the direct count's scale-in SIGKILLs calls longer than Fargate's 120 s: " + loose.cut());
        assertTrue(cpu.refused() > rec.refused() && cpu.waitedOver10s() + cpu.refused() > 10 * (rec.waitedOver10s() + 1),
                "CPU never sees the surge: cpu " + cpu.refused() + " refused, sessions " + rec.refused());
        assertTrue(rec.taskHours() >= c.bound().taskHours(), "no policy beats the perfect-foresight bound");
        assertTrue(java.util.Arrays.stream(cpu.minutes().waiting()).sum() > 0, "CPU's full fleet leaves callers waiting");
        for (int i = 0; i < c.results().size(); i++) {
            LabResult r = c.results().get(i);
            Excess x = Excess.of(r, c.bound(), SVC.capacity(), i == 2 ? java.util.Optional.empty()
                    : java.util.Optional.of(0.2));
            assertEquals(r.costRatio() - 1, x.total(), 1e-9, r.policy() + ": the excess parts add up to the ratio less one");
            for (int m = 0; m < 150; m++) {
                assertTrue(r.minutes().waiting()[m] <= r.offered() && r.minutes().desired()[m] >= 2, r.policy() + " minute " + m);
            }
        }
    }

    /**
     * Callers waiting for a worker counted as sessions ({@code waiting=true}): with no idle room to speak of (no share,
     * no ramp room), a full fleet's load reads a little above 1 from its sessions alone, but its queue adds the callers
     * it turns away, so it scales out further and fewer callers wait or give up.
     */
    @Test
    void countingTheCallersWaitingScalesAFullFleetFurther() {
        ScalingLab.Comparison c = ScalingLab.compare(SVC, surge(), List.of(
                LabPolicy.parse("headroom:backstop=false,share=0,lead=0", null, 2, 40),
                LabPolicy.parse("headroom:backstop=false,share=0,lead=0,waiting=true", null, 2, 40)), 3);
        LabResult sessionsOnly = c.results().get(0), withQueue = c.results().get(1);
        long lost = sessionsOnly.waitedOver10s() + sessionsOnly.refused(), lostWithQueue = withQueue.waitedOver10s() + withQueue.refused();
        assertTrue(lostWithQueue < lost, "waited or refused: " + lostWithQueue + " with the queue counted, " + lost + " without");
        assertEquals(0, withQueue.cut());
        int peakAim = java.util.Arrays.stream(withQueue.minutes().aim()).max().orElse(0);
        assertTrue(peakAim > java.util.Arrays.stream(sessionsOnly.minutes().aim()).max().orElse(0),
                "the queue raised the aim: " + peakAim);
    }

    /**
     * The headroom policy's own scaling comes from the headroom load the lab publishes (into the simulator's metric
     * store, standing in for the guard service): without the worker-load backstop it is the only policy, and it still
     * follows the surge out and back with no call cut and the callers served as the worker-load policy serves them.
     */
    @Test
    void theHeadroomLoadAloneScalesTheSurge() {
        ScalingLab.Comparison c = ScalingLab.compare(SVC, surge(), List.of(
                LabPolicy.parse("headroom:backstop=false", null, 2, 40), LabPolicy.workerLoad(2, 40)), 3);
        LabResult headroom = c.results().get(0), workerLoad = c.results().get(1);
        assertEquals(c.calls(), headroom.offered());
        assertEquals(0, headroom.cut(), "protected workers and chosen scale-in: nothing cut");
        assertTrue(headroom.scaleOuts() > 0 && headroom.scaleIns() > 0, "published load, scaled out and in: "
                + headroom.scaleOuts() + " / " + headroom.scaleIns());
        assertTrue(headroom.refused() + headroom.waitedOver10s() <= workerLoad.refused() + workerLoad.waitedOver10s() + 3,
                "as few callers waiting as on worker load: " + (headroom.refused() + headroom.waitedOver10s()) + " against "
                        + (workerLoad.refused() + workerLoad.waitedOver10s()));
        assertTrue(headroom.taskHours() >= c.bound().taskHours());
    }

    /**
     * The recommended policy, {@code direct}: the publisher sets the desired count from its live reading each minute
     * instead of Application Auto Scaling (whose headroom policy is gone): the next minute's count holds what this minute's headroom aimed at,
     * it comes down only after 5 minutes below, nothing is cut, and it costs fewer task-hours than target tracking on
     * the same callers.
     */
    @Test
    void aDirectCountFollowsTheAimUpAtOnceAndDownAfterItsMinutes() {
        ScalingLab.Comparison c = ScalingLab.compare(SVC, surge(), List.of(
                LabPolicy.recommended(2, 40), LabPolicy.parse("headroom:lead=180,share=0.1", null, 2, 40)), 3);
        LabResult direct = c.results().get(0), tracking = c.results().get(1);
        assertEquals(0, direct.cut());
        int[] desired = direct.minutes().desired(), aim = direct.minutes().aim();
        boolean cameDown = false;
        for (int m = 0; m + 1 < 150; m++) {
            assertTrue(desired[m + 1] >= Math.min(40, aim[m]), "minute " + (m + 1) + ": " + desired[m + 1] + " for an aim of " + aim[m]);
            if (desired[m + 1] < desired[m]) {
                cameDown = true;
                for (int k = Math.max(0, m - 4); k <= m; k++) assertTrue(aim[k] < desired[m], "below for 5 minutes before coming down");
            }
        }
        assertTrue(cameDown && direct.scaleOuts() > 0 && direct.scaleIns() > 0);
        assertTrue(direct.taskHours() < tracking.taskHours(), "direct " + direct.taskHours() + " task-hours, tracking "
                + tracking.taskHours());
    }

    /**
     * {@code recommended} is the direct count (5 minutes, lead 180 s, share 0.1) with only the scale-out-only backstop
     * left to Application Auto Scaling; {@code headroom}, the one before it, tracks the headroom load; {@code direct=0}
     * hands the count back to that tracking.
     */
    @Test
    void theRecommendedPolicyIsTheDirectCountWithOnlyTheBackstop() {
        LabPolicy rec = LabPolicy.recommended(2, 40);
        assertEquals(5, rec.direct());
        assertEquals(new io.drainboard.drain.SessionHeadroom(Duration.ofSeconds(180), 1, Duration.ofMinutes(5), 0.1),
                rec.headroom().orElseThrow());
        assertEquals(List.of(LabPolicy.backstop()), rec.policies());
        assertTrue(rec.policies().stream().allMatch(LabPolicy.Rule::disableScaleIn), "nothing in AAS scales in");
        LabPolicy spelled = LabPolicy.parse("headroom:direct=5,lead=180,share=0.1", null, 2, 40);
        assertEquals(rec.policies(), spelled.policies());
        assertEquals(rec.headroom(), spelled.headroom());
        LabPolicy headroom = LabPolicy.headroom(2, 40);
        assertEquals(0, headroom.direct());
        assertEquals(List.of(LabPolicy.headroomRule(), LabPolicy.backstop()), headroom.policies());
        assertEquals(List.of(LabPolicy.headroomRule(), LabPolicy.backstop()),
                LabPolicy.parse("recommended:direct=0", null, 2, 40).policies(), "direct=0: target tracking again");
    }

    /**
     * {@code history:N}: the service's own sessions per minute from the history store, unknown minutes held at the last
     * known value, replayed like a built-in shape: every planned call offered, none cut by the recommended policy.
     */
    @Test
    void aReplayOfHistoryFollowsTheServicesOwnSessions() {
        int[] sessions = new int[150], tasks = new int[150];
        for (int m = 0; m < 150; m++) {
            sessions[m] = m < 5 ? -1 : m < 40 ? 6 : m < 80 ? 48 : m == 100 ? -1 : 8;
            tasks[m] = -1;
        }
        TrafficShape t = TrafficShape.fromHistory(new io.drainboard.scaling.SessionHistory(
                java.time.Instant.parse("2026-03-02T00:00:00Z"), sessions, tasks), 1);
        assertEquals("history:1", t.name());
        assertEquals(0, t.sessions()[0], "nothing known yet: 0");
        assertEquals(48, t.sessions()[60]);
        assertEquals(8, t.sessions()[100], "an unknown minute holds the last known value");
        ScalingLab.Comparison c = ScalingLab.compare(SVC, t, List.of(LabPolicy.recommended(2, 40)), 3);
        LabResult r = c.results().get(0);
        assertEquals(c.calls(), r.offered(), "every planned call offered");
        assertEquals(0, r.cut());
        assertTrue(r.scaleOuts() > 0 && r.taskHours() >= c.bound().taskHours(), "it scaled out for the climb: " + r.scaleOuts());
    }

    @Test
    void theLowerBoundIsEnoughTasksForTheCallsRunningPlusTheLead() {
        // Three calls of 10 minutes from 2:05, capacity 2: two tasks in minutes 2–12, launched a minute ahead.
        CallPlan plan = new CallPlan(new double[]{125, 130, 135}, new double[]{600, 600, 600}, 15);
        assertArrayEquals(new int[]{0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0}, plan.concurrentPerMinute());
        LowerBound b = LowerBound.of(plan, 2, 1);
        assertArrayEquals(new int[]{0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0}, b.tasks());
        assertEquals(24 / 60.0, b.taskHours(), 1e-9);
    }

    @Test
    void callPlansAreTheSameForTheSameSeed() {
        CallPlan a = CallPlan.draw(surge(), Duration.ofMinutes(4), Duration.ofMinutes(25), 9);
        CallPlan b = CallPlan.draw(surge(), Duration.ofMinutes(4), Duration.ofMinutes(25), 9);
        assertArrayEquals(a.startSeconds(), b.startSeconds());
        // Little's law: 60 sessions over a mean call of 5.5 min (median 4, p99 25) is 11 calls a minute.
        long inSurge = java.util.Arrays.stream(a.startSeconds()).filter(x -> x >= 40 * 60 && x < 75 * 60).count();
        assertTrue(inSurge > 35 * 9 && inSurge < 35 * 13, "calls in the surge: " + inSurge);
    }
}

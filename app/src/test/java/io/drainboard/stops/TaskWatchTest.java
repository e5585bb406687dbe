package io.drainboard.stops;

import io.drainboard.fleet.ContainerSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a stop did, told from the readings around it: the rule every outcome and the history share. */
class TaskWatchTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final String ARN = "arn:aws:ecs:us-east-1:1:task/c/abc";

    private static TaskSnapshot running(int secs, Integer calls, boolean stopping) {
        TaskCalls c = calls == null ? new TaskCalls.Unknown("livekit", T.plusSeconds(secs), "503")
                : new TaskCalls.Known(calls, Optional.empty(), "livekit", T.plusSeconds(secs), List.of());
        return new TaskSnapshot(ARN, "abc", "c", "svc", "td", "svc", 1, "FARGATE", "a", "RUNNING",
                stopping ? "STOPPED" : "RUNNING", "HEALTHY", Optional.of(T), stopping ? Optional.of(T.plusSeconds(secs))
                : Optional.empty(), Protection.OFF, c, new StopTimeout(120, "container"), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), T.plusSeconds(secs));
    }

    private static TaskSnapshot stopped(int secs, int exit, String code, int stoppingAt) {
        return new TaskSnapshot(ARN, "abc", "c", "svc", "td", "svc", 1, "FARGATE", "a", "STOPPED", "STOPPED", "UNKNOWN",
                Optional.of(T), Optional.of(T.plusSeconds(stoppingAt)), Protection.OFF,
                new TaskCalls.Known(0, Optional.empty(), "livekit", T.plusSeconds(secs), List.of()),
                new StopTimeout(120, "container"), List.of(new ContainerSnapshot("w", "i", "STOPPED", Optional.of(exit),
                Optional.empty(), "UNKNOWN")), Optional.empty(), Optional.empty(), Optional.of(T.plusSeconds(secs)),
                Optional.of(code), Optional.of("r"), Optional.empty(), T.plusSeconds(secs));
    }

    @Test
    void aWorkerThatDrainedItsCallsAndExitedIsClean() {
        TaskWatch w = new TaskWatch();
        w.saw(running(0, 3, false), T);
        w.signalled(T.plusSeconds(2));
        w.saw(running(5, 3, false), T.plusSeconds(5));
        w.saw(running(300, 1, false), T.plusSeconds(300));
        w.saw(running(305, 0, false), T.plusSeconds(305));
        ObservedStop o = w.stopped(stopped(320, 0, "EssentialContainerExited", 306), T.plusSeconds(320));
        assertEquals(0, o.likelyCut());
        assertFalse(o.callsUnknown());
        assertTrue(o.vanishedAtSignal().isEmpty());
    }

    @Test
    void theReadingASignalWasDecidedOnCountsAsBeforeItEvenIfItsAnswerCameLater() {
        TaskWatch w = new TaskWatch();
        w.saw(running(0, 1, false), T);
        w.saw(running(6, 0, false), T.plusSeconds(5)); // the refresh began at 5 s; LiveKit answered at 6 s: idle
        w.signalled(T.plusSeconds(5)); // cordoned because it was idle
        w.saw(running(10, 0, true), T.plusSeconds(10));
        ObservedStop o = w.stopped(stopped(20, 0, "EssentialContainerExited", 8), T.plusSeconds(20));
        assertTrue(o.vanishedAtSignal().isEmpty(), "the last call ended before the cordon, not at it");
        assertEquals(0, o.likelyCut());
    }

    @Test
    void callsGoneAtOnceOnASigtermAreLikelyCutEvenWithExitZero() {
        TaskWatch w = new TaskWatch();
        w.saw(running(0, 3, false), T);
        w.signalled(T.plusSeconds(1)); // a worker that exits on SIGTERM (drain_timeout 0)
        w.saw(running(5, 0, true), T.plusSeconds(5));
        ObservedStop o = w.stopped(stopped(20, 0, "EssentialContainerExited", 2), T.plusSeconds(20));
        assertEquals(3, o.likelyCut());
    }

    @Test
    void oneCallEndingJustAfterTheSignalIsNotACutUnlessTheWorkerLeftAtTheSignal() {
        // The task drained first is the one whose calls end soonest: its last call may end a second after the cordon.
        TaskWatch drained = new TaskWatch();
        drained.saw(running(0, 1, false), T);
        drained.signalled(T.plusSeconds(1));
        drained.saw(running(5, 0, true), T.plusSeconds(5));
        assertTrue(drained.stopped(stopped(20, 0, "EssentialContainerExited", 4), T.plusSeconds(20)).vanishedAtSignal()
                .isEmpty(), "the worker stopped 3 s after the signal: it waited for the call");
        TaskWatch quitter = new TaskWatch();
        quitter.saw(running(0, 1, false), T);
        quitter.signalled(T.plusSeconds(1));
        quitter.saw(running(5, 0, true), T.plusSeconds(5));
        assertEquals(1, quitter.stopped(stopped(20, 0, "EssentialContainerExited", 1), T.plusSeconds(20)).likelyCut(),
                "stopping at the signal itself: it did not wait for its call");
    }

    @Test
    void callsGoneWithinOneRefreshOfTheSignalAreCutOnlyIfTheWorkerStoppedAtItElseNotKnown() {
        // Two calls gone within one refresh while the worker stopped 3 s after the signal: the calls of the task
        // drained first end soonest, so they may have ended (RolloutChaosBench seed 15: 2 named, none cut); or a
        // worker with a drain timeout of seconds cut them. Not known: never "clean", never a count of cut calls.
        TaskWatch pair = new TaskWatch();
        pair.saw(running(0, 2, false), T);
        pair.signalled(T.plusSeconds(1));
        pair.saw(running(5, 0, true), T.plusSeconds(5));
        ObservedStop p = pair.stopped(stopped(20, 0, "EssentialContainerExited", 4), T.plusSeconds(20));
        assertEquals(0, p.likelyCut());
        assertEquals(java.util.OptionalInt.of(2), p.goneNearSignal());
        assertTrue(p.callsUnknown(), "not clean");
        TaskWatch quitters = new TaskWatch();
        quitters.saw(running(0, 2, false), T);
        quitters.signalled(T.plusSeconds(1));
        quitters.saw(running(5, 0, true), T.plusSeconds(5));
        ObservedStop q = quitters.stopped(stopped(20, 0, "EssentialContainerExited", 1), T.plusSeconds(20));
        assertEquals(2, q.likelyCut(), "stopping at the signal with two calls: both lost");
        assertTrue(q.goneNearSignal().isEmpty());
        // One call, the worker stopping exactly at the window's end (1 s after the signal): it left at the signal.
        TaskWatch edge = new TaskWatch();
        edge.saw(running(0, 1, false), T);
        edge.signalled(T.plusSeconds(1));
        edge.saw(running(5, 0, true), T.plusSeconds(5));
        assertEquals(1, edge.stopped(stopped(20, 0, "EssentialContainerExited", 2), T.plusSeconds(20)).likelyCut());
        // One call, and no reading after the signal at all (the task was gone by the next refresh): still ambiguous
        // unless ECS shows the worker stopping at the signal.
        TaskWatch unseen = new TaskWatch();
        unseen.saw(running(0, 1, false), T);
        unseen.signalled(T.plusSeconds(1));
        assertEquals(0, unseen.stopped(stopped(20, 0, "EssentialContainerExited", 9), T.plusSeconds(20)).likelyCut());
    }

    @Test
    void aSecondSignalKillIsCountedFromTheReadingBeforeTheWorkerDied() {
        TaskWatch w = new TaskWatch();
        w.saw(running(0, 2, false), T);
        w.saw(running(5, 0, true), T.plusSeconds(5)); // the death already shows in the next reading
        ObservedStop o = w.stopped(stopped(30, 1, "EssentialContainerExited", 4), T.plusSeconds(30));
        assertTrue(o.verdict().killed());
        assertEquals(2, o.likelyCut(), "the calls before the death, not the empty reading after it");
    }

    @Test
    void callsUnknownAtTheStopAreSaidToBeUnknownNotZero() {
        TaskWatch w = new TaskWatch();
        w.saw(running(0, 1, false), T);
        w.saw(running(5, null, false), T.plusSeconds(5));
        ObservedStop o = w.stopped(stopped(30, 0, "UserInitiated", 6), T.plusSeconds(30));
        assertTrue(o.callsUnknown());
        StopsSummary s = StopsSummary.of(List.of(TaskOutcome.of(o, "Drainboard", false)), true);
        assertFalse(s.clean());
        assertTrue(s.words("1 task replaced").contains("calls unknown on 1 task when it stopped (abc)"), s.words(""));
    }

    @Test
    void onlyStopsSeenCleanForEveryTaskMakeACleanSummary() {
        StopLine clean = new StopLine("a", true, true, false, 0, Optional.empty());
        StopLine cut = new StopLine("b", true, false, false, 2, Optional.of("task b stopped by SIGKILL (exit 137) with 2 calls"
                + " (likely cut)"));
        assertEquals("2 tasks replaced; 0 calls on any task when it stopped",
                new StopsSummary(List.of(clean, clean)).words("2 tasks replaced"));
        assertEquals("2 tasks replaced; NOT CLEAN: task b stopped by SIGKILL (exit 137) with 2 calls (likely cut)",
                new StopsSummary(List.of(clean, cut)).words("2 tasks replaced"));
        assertEquals(2, new StopsSummary(List.of(clean, cut)).likelyCut());
    }
}

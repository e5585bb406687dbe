package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import static io.drainboard.drain.Fixtures.NOW;
import static io.drainboard.drain.Fixtures.service;
import static io.drainboard.drain.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drain with effects that answer later: each step decides, what it sends shows as sent and unanswered, asking
 * again never sends twice, and the answer is taken on a later step. The "executor" is a queue this test runs.
 */
class AsyncDrainEffectsTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:1:task/c/old";
    private final CutRisk risk = new CutRisk(LognormalSurvival.ofMedianAndP99(240, 1500));
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final Executor later = queued::add;

    private void answerAll() {
        for (Runnable r; (r = queued.poll()) != null; ) r.run();
    }

    @Test
    void eachEffectShowsAsSentUntilItsAnswerIsTakenOnALaterStep() {
        TaskDrainTest.Recorder real = new TaskDrainTest.Recorder();
        AsyncDrainEffects fx = new AsyncDrainEffects(real, later);
        TaskDrain d = new TaskDrain("c", "svc", ARN, DrainPlan.defaults(CordonMethod.HTTP), risk, NOW);
        var busy = service(task("old", 2, io.drainboard.fleet.Protection.until(NOW.plusSeconds(3600))));

        d.step(busy, NOW, fx);
        assertEquals(DrainPhase.PROTECTING, d.phase());
        assertEquals("UpdateTaskProtection", d.status().sending().orElseThrow());
        d.step(busy, NOW.plusSeconds(5), fx); // not answered yet: nothing sent again, nothing decided
        assertEquals(1, queued.size());
        assertEquals(List.of(), real.calls);

        answerAll();
        assertEquals(List.of("protect 60"), real.calls);
        d.step(busy, NOW.plusSeconds(10), fx); // takes the answer and sends the cordon in the same step
        assertEquals(DrainPhase.CORDONING, d.phase());
        assertEquals("the cordon (http)", d.status().sending().orElseThrow());
        assertTrue(d.status().reason().startsWith("sent the cordon (http), no answer yet"), d.status().reason());
        answerAll();
        d.step(busy, NOW.plusSeconds(15), fx);
        assertEquals(DrainPhase.WAITING, d.phase());
        assertTrue(d.status().sending().isEmpty());
        assertTrue(d.status().cordonedAt().isPresent());

        var idle = service(task("old", 0, io.drainboard.fleet.Protection.until(NOW.plusSeconds(3600))));
        d.step(idle, NOW.plus(Duration.ofMinutes(5)), fx);
        assertEquals(DrainPhase.STOPPING, d.phase());
        assertEquals("StopTask", d.status().sending().orElseThrow());
        answerAll();
        d.step(idle, NOW.plus(Duration.ofMinutes(6)), fx);
        assertEquals(DrainPhase.AWAITING_REPLACEMENT, d.phase());
        assertEquals(List.of("protect 60", "cordon http", "stop"), real.calls, "each effect sent exactly once");
        assertEquals(java.util.Map.of(), fx.inFlight());
    }

    @Test
    void aFailedAnswerFailsTheDrainOnTheStepThatTakesIt() {
        TaskDrainTest.Recorder real = new TaskDrainTest.Recorder();
        real.failProtect = true;
        AsyncDrainEffects fx = new AsyncDrainEffects(real, later);
        TaskDrain d = new TaskDrain("c", "svc", ARN, DrainPlan.defaults(CordonMethod.HTTP), risk, NOW);
        var busy = service(task("old", 2, io.drainboard.fleet.Protection.OFF));
        d.step(busy, NOW, fx);
        answerAll();
        d.step(busy, NOW.plusSeconds(5), fx);
        assertEquals(DrainPhase.FAILED, d.phase());
        assertTrue(d.status().reason().startsWith("could not protect the task: AccessDeniedException"), d.status().reason());
    }

    @Test
    void withADirectExecutorItAnswersAtOnceAsThePlainEffectsDo() {
        TaskDrainTest.Recorder real = new TaskDrainTest.Recorder();
        TaskDrain d = new TaskDrain("c", "svc", ARN, DrainPlan.defaults(CordonMethod.HTTP), risk, NOW);
        d.step(service(task("old", 2, io.drainboard.fleet.Protection.OFF)), NOW, new AsyncDrainEffects(real, Runnable::run));
        assertEquals(DrainPhase.CORDONING, d.phase());
        assertTrue(d.status().sending().isEmpty());
    }
}

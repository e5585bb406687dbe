package io.drainboard.ui.common;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refresh's stages run one per pulse, later than the call, and a newer refresh replaces pending ones. */
@ExtendWith(ApplicationExtension.class)
class PulseStagesTest {
    private final AtomicLong pulse = new AtomicLong();
    /** Started before any stages, so it runs first in every pulse and numbers it. */
    private final AnimationTimer counter = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse.incrementAndGet();
        }
    };

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
        counter.start();
    }

    @Test
    void eachStageRunsInAPulseOfItsOwn() throws Exception {
        PulseStages stages = new PulseStages();
        List<Long> ranIn = new CopyOnWriteArrayList<>();
        List<Long> scheduledIn = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            scheduledIn.add(pulse.get());
            stages.schedule(List.of(() -> ranIn.add(pulse.get()), () -> ranIn.add(pulse.get()), () -> ranIn.add(pulse.get())));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ranIn.size() == 3);
        assertTrue(ranIn.get(0) > scheduledIn.get(0) + 1,
                "the pulse right after the call lays out the caller's own changes: " + ranIn + " after " + scheduledIn);
        assertTrue(ranIn.get(0) < ranIn.get(1) && ranIn.get(1) < ranIn.get(2), "one stage per pulse: " + ranIn);
        assertTrue(WaitForAsyncUtils.asyncFx(stages::idle).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aNewerRefreshReplacesThePendingStages() throws Exception {
        PulseStages stages = new PulseStages();
        List<String> ran = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            stages.schedule(List.of(() -> ran.add("old 1"), () -> ran.add("old 2")));
            stages.schedule(List.of(() -> ran.add("new 1"), () -> ran.add("new 2")));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("new 1", "new 2"), ran);
    }

    @Test
    void aStageThatSaysItHasMoreRunsAgainInTheNextPulseBeforeTheStagesAfterIt() throws Exception {
        PulseStages stages = new PulseStages();
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Long> ranIn = new CopyOnWriteArrayList<>();
        int[] left = {3};
        WaitForAsyncUtils.asyncFx(() -> stages.schedule(List.of(
                PulseStages.untilDone(() -> {
                    ran.add("part " + left[0]);
                    ranIn.add(pulse.get());
                    return --left[0] > 0;
                }),
                () -> {
                    ran.add("next");
                    ranIn.add(pulse.get());
                }))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 4);
        assertEquals(List.of("part 3", "part 2", "part 1", "next"), ran);
        for (int i = 1; i < ranIn.size(); i++) assertTrue(ranIn.get(i - 1) < ranIn.get(i), "one part per pulse: " + ranIn);

        left[0] = 3;
        ran.clear();
        WaitForAsyncUtils.asyncFx(() -> {
            stages.schedule(List.of(PulseStages.untilDone(() -> {
                ran.add("part " + left[0]);
                return --left[0] > 0;
            })));
            stages.flush();
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("part 3", "part 2", "part 1"), ran, "a flush does every part at once");
    }

    @Test
    void workThatComesInBetweenStagesRunsAloneInTheNextPulseAndANewerRefreshKeepsIt() throws Exception {
        PulseStages stages = new PulseStages();
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Long> ranIn = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> stages.schedule(List.of(
                () -> {
                    ran.add("stage 1");
                    ranIn.add(pulse.get());
                    stages.soon(() -> { // e.g. a sorted order that came back from the sorter thread
                        ran.add("sorted order");
                        ranIn.add(pulse.get());
                    });
                    stages.schedule(List.of(() -> { // a newer refresh replaces the stages, not that work
                        ran.add("newer stage");
                        ranIn.add(pulse.get());
                    }));
                }))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ran.size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("stage 1", "sorted order", "newer stage"), ran);
        assertTrue(ranIn.get(0) < ranIn.get(1) && ranIn.get(1) < ranIn.get(2), "each in a pulse of its own: " + ranIn);
        assertTrue(WaitForAsyncUtils.asyncFx(stages::idle).get(5, TimeUnit.SECONDS));
    }
}

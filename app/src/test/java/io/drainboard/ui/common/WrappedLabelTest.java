package io.drainboard.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.LabelSkin;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrapped label measures its text once per width and text, not on every ask of every layout pass. */
@ExtendWith(ApplicationExtension.class)
class WrappedLabelTest {
    private final AtomicInteger measured = new AtomicInteger();
    private WrappedLabel label;

    @Start
    void start(Stage stage) {
        label = counting("agent-0: A deploy or scale-in now would cut ≈ 756 calls", measured);
        stage.setScene(new Scene(new VBox(label), 300, 200));
        stage.show();
    }

    /** A wrapped label that counts how often its skin measures its height for a width. */
    private static WrappedLabel counting(String text, AtomicInteger measured) {
        return new WrappedLabel(text) {
            @Override
            protected Skin<?> createDefaultSkin() {
                return new LabelSkin(this) {
                    @Override
                    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
                        measured.incrementAndGet();
                        return super.computePrefHeight(width, top, right, bottom, left);
                    }
                };
            }
        };
    }

    @Test
    void aScrollingPaneRemeasuresOnlyTheLineWhoseTextChanged(FxRobot robot) {
        // The service pane's shape: wrapped lines in a VBox in a scroll pane fitted to its width, taller than it, so
        // that each layout pass asks at the full width and at the width less the scroll bar.
        List<AtomicInteger> counts = new ArrayList<>();
        List<WrappedLabel> lines = new ArrayList<>();
        VBox box = new VBox(4);
        for (int i = 0; i < 30; i++) {
            AtomicInteger n = new AtomicInteger();
            counts.add(n);
            lines.add(counting("agent-" + i + ": 12 busy tasks unprotected: ECS may SIGTERM them and kill them after"
                    + " stopTimeout. Protect busy tasks (or use guard mode) before deploying or scaling in.", n));
        }
        box.getChildren().addAll(lines);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        robot.interact(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(scroll, 300, 200));
            stage.show();
            scroll.applyCss();
            scroll.layout();
            assertTrue(box.getHeight() > 400, "taller than the pane: it scrolls (" + box.getHeight() + ")");
            counts.forEach(c -> c.set(0));
            lines.get(0).setText("agent-0: 13 busy tasks unprotected: ECS may SIGTERM them and kill them after stopTimeout.");
            scroll.layout();
            int others = counts.subList(1, counts.size()).stream().mapToInt(AtomicInteger::get).sum();
            assertEquals(0, others, "lines whose text did not change were measured again");
            assertTrue(counts.get(0).get() > 0, "the changed line is measured");
            stage.hide();
        });
    }

    @Test
    void measuresOncePerWidthAndText(FxRobot robot) {
        robot.interact(() -> {
            measured.set(0);
            double one = label.prefHeight(120);
            label.prefHeight(120);
            label.prefHeight(120);
            assertEquals(1, measured.get(), "asked three times at one width, measured once");
            double wide = label.prefHeight(600);
            assertEquals(2, measured.get());
            assertTrue(wide < one, "wider, fewer lines: " + wide + " vs " + one);
            label.setText(label.getText() + ", and 311 busy tasks are unprotected: protect them before deploying");
            double longer = label.prefHeight(600);
            assertEquals(3, measured.get(), "new text is measured again");
            assertTrue(longer > wide, "the longer text wraps to more lines: " + longer + " vs " + wide);
        });
    }
}

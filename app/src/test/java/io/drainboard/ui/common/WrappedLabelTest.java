package io.drainboard.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.LabelSkin;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

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
        label = new WrappedLabel("agent-0: A deploy or scale-in now would cut ≈ 756 calls") {
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
        stage.setScene(new Scene(new VBox(label), 300, 200));
        stage.show();
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

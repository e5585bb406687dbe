package io.drainboard.ui.common;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The work runs on the worker, never on the FX thread; its result and its failure come back on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class OffFxTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    @Test
    void theWorkRunsOffTheFxThreadAndItsResultComesBackOnIt() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (OffFx off = OffFx.thread("off-fx-test")) {
            off.run(() -> {
                seen.add("work on FX: " + Platform.isFxApplicationThread());
                return 42;
            }, v -> seen.add("result " + v + " on FX: " + Platform.isFxApplicationThread()), e -> seen.add("failed"));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.size() == 2);
        }
        assertEquals(List.of("work on FX: false", "result 42 on FX: true"), seen);
    }

    @Test
    void aFailureComesBackOnTheFxThreadInOneLine() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (OffFx off = OffFx.thread("off-fx-test")) {
            off.run(() -> {
                throw new IOException("/var/log/drainboard is not writable");
            }, v -> seen.add("done"), e -> seen.add(OffFx.words(e) + " on FX: " + Platform.isFxApplicationThread()));
            off.run(() -> {
                throw new IllegalStateException();
            }, v -> seen.add("done"), e -> seen.add(OffFx.words(e)));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.size() == 2);
        }
        assertEquals(List.of("/var/log/drainboard is not writable on FX: true", "IllegalStateException"), seen);
        assertFalse(seen.contains("done"));
    }
}

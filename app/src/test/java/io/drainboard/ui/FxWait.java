package io.drainboard.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for the state a UI test asserts, so the suite holds on two busy cores. A value applied to the view is not
 * on screen yet: cells, dialogs and laid-out positions appear in a later pulse, and under load the pulse comes
 * late (LiveTableTest found no table row 3 s after its snapshot was applied, at load average 8–11). Every query
 * of something that a pulse creates goes through here.
 */
public final class FxWait {
    /** Long enough for a pulse on a machine at load average 12; a state that never comes fails the test after it. */
    public static final int SECONDS = 20;

    private FxWait() {
    }

    /**
     * Waits until one whole pulse has run after this call on every showing window (CSS and layout included), so
     * what was applied before it is laid out: table rows exist, positions are final.
     */
    public static void pulse() throws Exception {
        List<Scene> scenes = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(Window::getScene).filter(s -> s != null).toList()).get(SECONDS, TimeUnit.SECONDS);
        for (Scene scene : scenes) pulse(scene);
    }

    /** One whole pulse of this scene after this call. */
    public static void pulse(Scene scene) throws Exception {
        CountDownLatch laidOut = new CountDownLatch(1);
        Runnable listener = laidOut::countDown;
        Platform.runLater(() -> {
            scene.addPostLayoutPulseListener(listener);
            Platform.requestNextPulse();
        });
        try {
            if (!laidOut.await(SECONDS, TimeUnit.SECONDS)) throw new TimeoutException("no pulse in " + SECONDS + " s");
        } finally {
            Platform.runLater(() -> scene.removePostLayoutPulseListener(listener));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the condition holds, then lets the FX thread catch up. */
    public static void until(Callable<Boolean> condition) throws Exception {
        until(SECONDS, condition);
    }

    /**
     * An exception counts as "not yet" (TestFX's own waitFor rethrows it at once, so a lookup of a node that the
     * next pulse creates failed the test instead of waiting); the last one is in the timeout's message.
     */
    public static void until(int seconds, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) break;
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                TimeoutException t = new TimeoutException("condition not met in " + seconds + " s"
                        + (last == null ? "" : "; last: " + last));
                if (last != null) t.initCause(last);
                throw t;
            }
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The node a query finds, once it exists. */
    public static <T extends Node> T node(Supplier<Optional<T>> query) throws Exception {
        until(() -> query.get().isPresent());
        return query.get().orElseThrow();
    }

    /** The node with this CSS query, once it exists and is visible. */
    public static Node visible(FxRobot robot, String query) throws Exception {
        until(() -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
        return robot.lookup(query).query();
    }
}

package io.drainboard.ui.common;

import javafx.animation.AnimationTimer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Spreads one refresh's FX work over consecutive pulses, one stage per pulse, so that no single frame
 * pays for the rows, the sort, the panes and the details at once (at 10,000 rows that frame took
 * 25–40 ms of CPU; each stage and its layout fit a 16 ms frame). The timer runs only while stages are
 * pending: an idle console does not pulse. A newer refresh replaces the stages still pending, since every
 * stage reads the latest state when it runs.
 */
public final class PulseStages {
    /** Wraps every stage that runs; the UI benchmark times them this way. */
    private static volatile UnaryOperator<Runnable> around = UnaryOperator.identity();
    private static final Runnable NOTHING = () -> { };
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable next = pending.poll();
            if (next instanceof UntilDone u) {
                boolean[] more = {false};
                around.apply(() -> more[0] = u.step.getAsBoolean()).run();
                if (more[0]) pending.addFirst(u);
            } else if (next != null && next != NOTHING) {
                around.apply(next).run();
            }
            if (pending.isEmpty()) stop();
        }
    };

    /**
     * Call on the FX thread: these stages run one per pulse, replacing any still pending. The next pulse
     * is left to lay out what the caller just changed; the first stage runs in the pulse after it.
     */
    public void schedule(List<Runnable> stages) {
        pending.clear();
        if (stages.isEmpty()) return;
        pending.add(NOTHING);
        pending.addAll(stages);
        timer.start();
    }

    /**
     * A stage that takes as many pulses as it needs: {@code step} does a bounded part of the work and says whether
     * some is left, which the next pulse does before the stages after it. For work whose size the refresh decides
     * (the service pane's changed warnings at fleet scope), so that no frame pays for all of it.
     */
    public static Runnable untilDone(BooleanSupplier step) {
        return new UntilDone(step);
    }

    private record UntilDone(BooleanSupplier step) implements Runnable {
        /** All of it at once (a flush). */
        @Override
        public void run() {
            boolean more;
            do {
                more = step.getAsBoolean();
            } while (more);
        }
    }

    /** Runs what is pending now (a profile closing, or a caller that needs the result at once). */
    public void flush() {
        for (Runnable r; (r = pending.poll()) != null; ) r.run();
        timer.stop();
    }

    /** For measurement only: every stage from now on runs inside {@code wrapper}. */
    public static void around(UnaryOperator<Runnable> wrapper) {
        around = wrapper;
    }

    public boolean idle() {
        return pending.isEmpty();
    }
}

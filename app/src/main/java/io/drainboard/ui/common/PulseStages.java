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
    /** Measurement only: wraps the work {@link #soon} runs. */
    private static volatile UnaryOperator<Runnable> aroundSoon = UnaryOperator.identity();
    private final Deque<Runnable> pending = new ArrayDeque<>();
    /** Work that came in from elsewhere (a finished sort), each in a pulse of its own before the next stage. */
    private final Deque<Runnable> soon = new ArrayDeque<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable first = soon.poll();
            if (first != null) {
                aroundSoon.apply(first).run();
                return; // the stage due waits for the next pulse
            }
            Runnable next = pending.poll();
            if (next instanceof UntilDone u) {
                boolean[] more = {false};
                around.apply(() -> more[0] = u.step.getAsBoolean()).run();
                if (more[0]) pending.addFirst(u);
            } else if (next != null && next != NOTHING) {
                around.apply(next).run();
            }
            if (pending.isEmpty() && soon.isEmpty()) stop();
        }
    };

    /**
     * Call on the FX thread: runs {@code work} in the next pulse, alone, ahead of any stage still pending, and never
     * replaced by a newer refresh (unlike {@link #schedule}'s stages). For work that arrives on its own between stages,
     * such as a sort finished off the FX thread, so that it does not share a frame with a stage.
     */
    public void soon(Runnable work) {
        soon.add(work);
        timer.start();
    }

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
        for (Runnable r; (r = soon.poll()) != null; ) r.run();
        for (Runnable r; (r = pending.poll()) != null; ) r.run();
        timer.stop();
    }

    /** For measurement only: every stage from now on runs inside {@code wrapper}. */
    public static void around(UnaryOperator<Runnable> wrapper) {
        around = wrapper;
    }

    /** For measurement only: work run by {@link #soon} from now on runs inside {@code wrapper}. */
    public static void aroundSoon(UnaryOperator<Runnable> wrapper) {
        aroundSoon = wrapper;
    }

    public boolean idle() {
        return pending.isEmpty() && soon.isEmpty();
    }
}

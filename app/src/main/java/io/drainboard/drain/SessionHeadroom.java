package io.drainboard.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The idle room a voice service keeps, partly sized in tasks from how fast its sessions climb and how long new capacity
 * takes, and the load a target tracking policy follows to keep it: {@code (sessions + headroom) ÷ (desired tasks ×
 * sessions per task)}, tracked at 1.0 (docs/scaling.md, "The headroom load").
 * <p>
 * The headroom is {@code max(minTasks × capacity, ramp × lead) + share × sessions}: a spare task however flat the day,
 * the ramp's worth while sessions climb (sessions a minute × minutes from the first breach to new workers taking
 * calls), and a share for the minute-to-minute swing of a busy fleet. An average worker load at a fixed target keeps
 * one share for everything (0.7 costs 1 ÷ 0.7 = 1.43 × what the calls need, all day); in the scaling lab this served
 * as many callers for less (docs/benchmarks.md). Dividing by the <em>desired</em> count rather than the running one
 * makes target tracking's proportional step ({@code desired × metric ÷ target}) land on {@code (sessions + headroom)
 * ÷ capacity} tasks: tasks still starting count at once, and a surplus that a protected scale-in keeps running does
 * not dilute the load.
 *
 * @param lead     minutes of climb the idle room must absorb (the metric's delay, the alarm's datapoints and the start-up)
 * @param minTasks idle tasks kept however flat the sessions
 * @param window   how far back the ramp is measured
 * @param share    of the sessions kept idle on top (0 ≤ share &lt; 1)
 * @param waiting  callers waiting for a worker count as sessions (what the fleet would carry had it room for them)
 */
public record SessionHeadroom(Duration lead, int minTasks, Duration window, double share, boolean waiting) {
    /** The recommended lead: about 2 min until a datapoint is readable, three one-minute datapoints, a 2-minute start. */
    public static final Duration LEAD = Duration.ofMinutes(7);
    /** The recommended share: the 20 % idle of the seeds' advice, now on top of the ramp-sized room. */
    public static final double SHARE = 0.2;
    public static final int MIN_TASKS = 1;
    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final SessionHeadroom RECOMMENDED = new SessionHeadroom(LEAD, MIN_TASKS, WINDOW, SHARE);
    /** Where the guard service publishes it (next to its other session figures), dimensions ClusterName, ServiceName. */
    public static final String NAMESPACE = "Drainboard/Sessions";
    public static final String METRIC = "HeadroomLoad";

    public SessionHeadroom(Duration lead, int minTasks, Duration window, double share) {
        this(lead, minTasks, window, share, false);
    }

    /** One spare task and the usual ramp window, with this lead and share (direct scaling's settings). */
    public static SessionHeadroom of(Duration lead, double share) {
        return new SessionHeadroom(lead, MIN_TASKS, WINDOW, share);
    }

    /** The sessions the load is computed from: the live ones, and the callers waiting when {@link #waiting}. */
    public int demand(int sessions, int callersWaiting) {
        return sessions + (waiting ? Math.max(0, callersWaiting) : 0);
    }

    public SessionHeadroom {
        if (lead.isNegative() || minTasks < 0 || window.isNegative() || window.isZero() || !(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("headroom wants lead ≥ 0, minTasks ≥ 0, a window > 0 and 0 ≤ share < 1");
        }
    }

    /** Idle sessions to keep for these sessions at this ramp (sessions a minute, ≥ 0). */
    public double sessions(int sessions, double ramp, int capacity) {
        return Math.max(minTasks * (double) capacity, Math.max(0, ramp) * lead.toSeconds() / 60.0) + share * sessions;
    }

    /** Tasks the sessions need with the headroom idle. */
    public int tasksNeeded(int sessions, double ramp, int capacity) {
        return (int) Math.ceil((sessions + sessions(sessions, ramp, capacity)) / capacity - 1e-9);
    }

    /** The load to track: 1.0 means the desired count holds the sessions plus the headroom exactly. */
    public double load(int sessions, double ramp, int desired, int capacity) {
        return (sessions + sessions(sessions, ramp, capacity)) / ((double) Math.max(1, desired) * capacity);
    }

    /**
     * A service's sessions over the last {@link #window}, read by whoever publishes the load (the guard service's
     * leader; the lab's stand-in for it). Not thread-safe: one per service, fed by one pass.
     */
    public static final class Ramp {
        static final double NOISE = 2;

        private record Sample(Instant at, int sessions) {
        }

        private final Duration window;
        private final Deque<Sample> samples = new ArrayDeque<>();

        public Ramp(Duration window) {
            this.window = window;
        }

        /**
         * Records a reading and returns the climb in sessions a minute: from the lowest reading of the window to this
         * one, over the time between them but at least half the window (0 when falling or with one reading). The
         * lowest, not the oldest, so a surge that started mid-window shows at its slope; at least half the window, and
         * less {@value #NOISE} × √(lowest) sessions, so a noisy minute (a few calls more than the minute before) is
         * not read as a surge.
         */
        public double add(Instant at, int sessions) {
            while (!samples.isEmpty() && samples.peekLast().at().isAfter(at)) samples.pollLast(); // a clock step back
            samples.addLast(new Sample(at, sessions));
            while (samples.size() > 1 && Duration.between(samples.peekFirst().at(), at).compareTo(window) > 0) samples.pollFirst();
            Sample low = null;
            for (Sample s : samples) if (low == null || s.sessions() < low.sessions()) low = s;
            double minutes = Math.max(Duration.between(low.at(), at).toMillis(), window.toMillis() / 2) / 60_000.0;
            // Live calls move by about √n minute to minute with no trend (arrivals and hang-ups are random): a rise
            // within two of those is noise, and read as a ramp it would buy tasks all night.
            double rise = sessions - low.sessions() - NOISE * Math.sqrt(low.sessions());
            return Math.max(0, rise / minutes);
        }
    }
}

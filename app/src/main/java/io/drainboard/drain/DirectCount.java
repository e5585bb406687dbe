package io.drainboard.drain;

/**
 * The lab's {@code direct} policy and the guard service's direct scaling (docs/scaling.md): a desired count set each minute from the headroom's aim, not by
 * Application Auto Scaling. Up to the aim at once; down only once the aim has stayed below the count for
 * {@code minutes} readings in a row, and then to the most it asked for in them, so a dip between two waves keeps
 * its tasks. Not thread-safe: one per replay.
 */
public final class DirectCount {
    private final int minutes, min, max;
    private int below, mostBelow;

    public DirectCount(int minutes, int min, int max) {
        this.minutes = minutes;
        this.min = min;
        this.max = max;
    }

    /** @return the count to set after this minute's reading, or -1 to leave {@code desired} as it is */
    public int next(int desired, int aim) {
        int want = Math.max(min, Math.min(max, aim));
        if (want < desired) {
            below++;
            mostBelow = Math.max(mostBelow, want);
            if (below < minutes) return -1;
            int down = mostBelow;
            below = 0;
            mostBelow = 0;
            return down;
        }
        below = 0;
        mostBelow = 0;
        return want > desired ? want : -1;
    }
}

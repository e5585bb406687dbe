package io.drainboard.fleet;

/** Test helper: the same snapshot marked as part of a first read (as {@link FleetReader} hands it out meanwhile). */
public final class Partial {
    private Partial() {
    }

    public static FleetSnapshot of(FleetSnapshot s) {
        return new FleetSnapshot(s.sequence(), s.profile(), s.region(), s.takenAt(), s.readTime(), s.clusters(), s.calls(),
                s.errors(), s.diff(), s.requests(), s.warnings(), new ReadProgress(Math.max(0, s.clusters().size() - 1),
                s.clusters().size(), 1, 1));
    }
}

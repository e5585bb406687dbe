package io.drainboard.scaling;

import io.drainboard.history.History;
import io.drainboard.history.HistoryUnavailable;
import io.drainboard.history.SeriesPoint;
import io.drainboard.history.ServiceRef;
import io.drainboard.history.Timeline;
import io.drainboard.history.TimelineParts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service's sessions and running tasks per minute from the history store: the live readings where the console
 * watched, the backfilled CloudWatch sums elsewhere. Readiness takes the peak and the ramp from it; the scaling lab
 * replays it.
 *
 * @param sessions per minute from {@code from}; -1 where history knows nothing
 * @param tasks    running tasks per minute; -1 where unknown
 */
public record SessionHistory(Instant from, int[] sessions, int[] tasks) {
    /** The minutes over which the steepest ramp is measured. */
    static final int RAMP_MINUTES = 5;

    public static Optional<SessionHistory> read(History history, String cluster, String service, Instant to,
                                                Duration span) {
        if (!history.status().available()) return Optional.empty();
        try {
            Optional<ServiceRef> ref = history.service(cluster, service);
            if (ref.isEmpty()) return Optional.empty();
            Instant from = to.minus(span).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Timeline t = history.timeline(ref.get(), from, to);
            return Optional.of(of(from, (int) Duration.between(from, to).toMinutes(), t.calls(), t.backfilledCalls(), t.counts()));
        } catch (HistoryUnavailable e) {
            return Optional.empty();
        }
    }

    static SessionHistory of(Instant from, int minutes, List<SeriesPoint> live, List<SeriesPoint> backfilled,
                             List<TimelineParts.Counts> counts) {
        int[] s = new int[minutes], n = new int[minutes];
        java.util.Arrays.fill(s, -1);
        java.util.Arrays.fill(n, -1);
        fillChangeOnly(from, s, live);
        for (SeriesPoint p : backfilled) {
            int i = index(from, p.at());
            if (i >= 0 && i < minutes && s[i] < 0 && p.known()) s[i] = p.calls();
        }
        int c = 0;
        for (int i = 0; i < minutes; i++) {
            Instant at = from.plus(Duration.ofMinutes(i + 1));
            while (c < counts.size() && !counts.get(c).at().isAfter(at)) c++;
            if (c > 0) n[i] = counts.get(c - 1).running();
        }
        return new SessionHistory(from, s, n);
    }

    /** Change-only points: each value holds until the next point. */
    private static void fillChangeOnly(Instant from, int[] out, List<SeriesPoint> points) {
        for (int k = 0; k < points.size(); k++) {
            SeriesPoint p = points.get(k);
            if (!p.known()) continue;
            int start = Math.max(0, index(from, p.at()));
            int end = k + 1 < points.size() ? Math.min(out.length, index(from, points.get(k + 1).at()) + 1) : out.length;
            for (int i = start; i < end; i++) out[i] = Math.max(out[i], p.calls());
        }
    }

    private static int index(Instant from, Instant at) {
        return (int) Math.floorDiv(Duration.between(from, at).toSeconds(), 60);
    }

    /** The most sessions at once and the tasks running then. */
    public Optional<ServiceFacts.Peak> peak() {
        int best = -1;
        for (int i = 0; i < sessions.length; i++) if (sessions[i] >= 0 && (best < 0 || sessions[i] > sessions[best])) best = i;
        if (best < 0 || sessions[best] == 0) return Optional.empty();
        int t = tasks[best];
        for (int i = best; t < 0 && i >= 0; i--) t = tasks[i];
        return Optional.of(new ServiceFacts.Peak(from.plus(Duration.ofMinutes(best)), sessions[best], Math.max(0, t)));
    }

    /** The steepest rise of sessions over {@value #RAMP_MINUTES} minutes, per minute; empty when nothing rose. */
    public Optional<Double> rampPerMinute() {
        double best = 0;
        for (int i = 0; i + RAMP_MINUTES < sessions.length; i++) {
            if (sessions[i] < 0 || sessions[i + RAMP_MINUTES] < 0) continue;
            best = Math.max(best, (sessions[i + RAMP_MINUTES] - sessions[i]) / (double) RAMP_MINUTES);
        }
        return best > 0 ? Optional.of(best) : Optional.empty();
    }

    public int knownMinutes() {
        int n = 0;
        for (int v : sessions) if (v >= 0) n++;
        return n;
    }
}

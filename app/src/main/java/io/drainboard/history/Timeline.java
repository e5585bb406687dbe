package io.drainboard.history;

import java.time.Instant;
import java.util.List;

/**
 * Everything history holds about one service over a stretch of time: its calls (live readings, and the
 * CloudWatch series backfilled for when the console was closed), what ECS did (deployments, scale events,
 * events, task stops), protection changes and operator actions.
 *
 * @param calls           the service's calls as read live (change-only: each value holds until the next point)
 * @param watched         when history watched live; {@code calls} means nothing outside these
 * @param backfilledCalls per-minute sums of the per-task CloudWatch maxima, for the time not watched
 */
public record Timeline(ServiceRef service, Instant from, Instant to, List<SeriesPoint> calls,
                       List<TimelineParts.Span> watched, List<SeriesPoint> backfilledCalls,
                       List<TimelineParts.Deployment> deployments, List<TimelineParts.Counts> counts,
                       List<StopRecord> stops, List<TimelineParts.Event> events,
                       List<TimelineParts.ProtectionChange> protection, List<TimelineParts.Action> actions) {
    public Timeline {
        calls = List.copyOf(calls);
        watched = List.copyOf(watched);
        backfilledCalls = List.copyOf(backfilledCalls);
        deployments = List.copyOf(deployments);
        counts = List.copyOf(counts);
        stops = List.copyOf(stops);
        events = List.copyOf(events);
        protection = List.copyOf(protection);
        actions = List.copyOf(actions);
    }

    public List<StopRecord> stopsThatCutCalls() {
        return stops.stream().filter(StopRecord::cutCalls).toList();
    }

    public int callsCut() {
        return stops.stream().mapToInt(StopRecord::callsCut).sum();
    }
}

package io.drainboard.history;

import io.drainboard.stops.StopCause;
import io.drainboard.stops.StopCauses;
import io.drainboard.stops.ExitCodes;
import io.drainboard.stops.CallsAtKill;
import io.drainboard.stops.CallSample;

import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.ServiceEvent;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What backfill read for one cluster, written in one job on the writer thread: services' events and
 * deployments, each task's CloudWatch series, each stopped task's stop with the calls on it at the kill, the
 * services' per-minute sums, and the stretch it covers. All marked backfilled.
 */
record BackfillBatch(String clusterArn, List<ServiceFacts> services, List<PastTask> tasks,
                     Map<String, List<SeriesPoint>> series, List<Stop> stops, Instant from, Instant to) {

    record ServiceFacts(String arn, String cluster, String name, List<ServiceEvent> events,
                        List<DeploymentSnapshot> deployments) {
    }

    /** A stopped task and the calls it took with it, as backfill judges them. */
    record Stop(PastTask task, StopCause cause, CallsAtKill calls) {
        boolean cutCalls() {
            return ExitCodes.killed(task.exitCode(), task.stopCode()) && calls.upper() > 0;
        }
    }

    static BackfillBatch of(String clusterArn, List<ServiceFacts> services, List<PastTask> tasks,
                            Map<String, List<SeriesPoint>> series, Instant from, Instant to, String source) {
        List<Stop> stops = new ArrayList<>();
        for (PastTask t : tasks) {
            if (!t.stopped()) continue;
            Instant kill = t.killAt().orElse(to);
            List<CallSample> samples = series.getOrDefault(t.id(), List.of()).stream()
                    .map(p -> new CallSample(p.at(), p.calls(), List.of())).toList();
            CallsAtKill calls = samples.isEmpty() ? CallsAtKill.unknown(t.exitCode())
                    : CallsAtKill.from(samples, kill, kill, t.exitCode(), source);
            stops.add(new Stop(t, StopCauses.classify(t.stopCode(), t.stoppedReason(), t.startedBy(), t.exitCode()), calls));
        }
        return new BackfillBatch(clusterArn, services, tasks, series, stops, from, to);
    }

    void write(Tx tx, Recording recording) throws SQLException {
        Ids ids = recording.ids();
        String region = regionOf(clusterArn);
        Map<String, Long> serviceIds = new HashMap<>();
        for (ServiceFacts s : services) {
            long sid = ids.service(tx, s.arn(), region, s.cluster(), s.name());
            serviceIds.put(s.name(), sid);
            recording.services().events(tx, sid, s.events(), Instant.MAX);
            for (DeploymentSnapshot d : s.deployments()) ServiceRecorder.deployment(tx, sid, d, to, true);
        }
        Map<Long, TreeMap<Instant, Integer>> sums = new HashMap<>();
        Map<String, Stop> stopByTask = new HashMap<>();
        for (Stop s : stops) stopByTask.put(s.task().arn(), s);
        for (PastTask t : tasks) {
            Long sid = serviceIds.get(t.service());
            if (sid == null) continue; // its service is gone from ECS: nothing to file it under
            long tid = ids.task(tx, t.arn(), sid, t.revision(), t.launchType(), t.availabilityZone(), t.startedBy(),
                    t.startedAt(), t.stoppedAt().orElse(to));
            List<SeriesPoint> points = series.getOrDefault(t.id(), List.of());
            if (!points.isEmpty()) SeriesBuffers.merge(tx.connection, SeriesKind.TASK_CALLS_BACKFILLED, tid, points);
            for (SeriesPoint p : points) {
                if (p.at().isBefore(from.minusSeconds(60)) || !p.known()) continue;
                sums.computeIfAbsent(sid, k -> new TreeMap<>()).merge(p.at(), p.calls(), Integer::sum);
            }
            Stop stop = stopByTask.get(t.arn());
            if (stop != null) {
                StopWriter.write(tx, tid, sid, t.stoppingAt(), t.executionStoppedAt(), t.stoppedAt().orElse(to),
                        t.stopCode(), t.stoppedReason(), t.exitCode(), stop.cause(), stop.calls(), true);
            }
        }
        for (Map.Entry<Long, TreeMap<Instant, Integer>> e : sums.entrySet()) {
            List<SeriesPoint> pts = e.getValue().entrySet().stream().map(x -> new SeriesPoint(x.getKey(), x.getValue())).toList();
            SeriesBuffers.merge(tx.connection, SeriesKind.SERVICE_CALLS_BACKFILLED, e.getKey(), pts);
        }
        Coverage.backfilled(tx, clusterArn, from, to);
    }

    static String regionOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    Optional<Stop> stop(String taskArn) {
        return stops.stream().filter(s -> s.task().arn().equals(taskArn)).findFirst();
    }
}

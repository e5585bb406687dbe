package io.drainboard.history;

import io.drainboard.stops.CallsAtKill;

import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.ServiceEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in what happened while the console was closed, from what AWS still holds: ECS's service events and
 * deployments, the stopped tasks ECS keeps ("at least 1 hour") with their stopCode, exit codes and
 * executionStoppedAt, and the per-task calls metric in CloudWatch (one-minute data is kept 15 days). A stop's
 * calls are the last per-task datapoint at or before its kill ({@link CallsAtKill}); everything it writes is
 * marked backfilled. Runs on the caller's thread (a background one); writes through the history writer.
 */
public final class Backfill {
    /** Before a kill, this much of the series is read to find the last datapoint. */
    static final Duration BEFORE_KILL = Duration.ofMinutes(15);

    /** What backfill found, and what it could not read (in the operator's words). */
    public record Result(int clusters, int stops, int stopsThatCutCalls, int tasksWithSeries, Instant from, Instant to,
                         List<String> problems) {
        public String summary() {
            return "Backfilled " + stops + " stops (" + stopsThatCutCalls + " cut calls) and calls of " + tasksWithSeries
                    + " tasks in " + clusters + " clusters" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        }
    }

    private final History history;
    private final EcsHistoryGateway ecs;
    private final Optional<MetricHistoryGateway> metrics;
    private final Clock clock;
    private final Duration lookback;

    public Backfill(History history, EcsHistoryGateway ecs, Optional<MetricHistoryGateway> metrics, Clock clock,
                    Duration lookback) {
        this.history = history;
        this.ecs = ecs;
        this.metrics = metrics;
        this.clock = clock;
        this.lookback = lookback;
    }

    /** Backfills the named clusters (all the account's clusters when empty). */
    public Result run(List<String> clusters) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        int stops = 0, cutting = 0, series = 0, done = 0;
        Instant earliest = now;
        List<String> names = clusters;
        if (names.isEmpty()) {
            try {
                names = ecs.clusterArns();
            } catch (SdkException e) {
                problems.add("ECS ListClusters failed (" + e.getMessage() + "); nothing was backfilled");
                return new Result(0, 0, 0, 0, now, now, problems);
            }
        }
        for (String cluster : names) {
            try {
                BackfillBatch b = read(cluster, now, problems);
                if (b == null) continue;
                history.write(tx -> b.write(tx, history.recording()));
                stops += b.stops().size();
                cutting += (int) b.stops().stream().filter(BackfillBatch.Stop::cutCalls).count();
                series += b.series().size();
                if (b.from().isBefore(earliest)) earliest = b.from();
                done++;
            } catch (SdkException e) {
                problems.add("cluster " + cluster + ": " + explain(e));
            }
        }
        return new Result(done, stops, cutting, series, earliest, now, problems);
    }

    private BackfillBatch read(String cluster, Instant now, List<String> problems) {
        List<Service> services = ecs.services(cluster);
        List<PastTask> tasks = new ArrayList<>();
        for (DesiredStatus d : List.of(DesiredStatus.STOPPED, DesiredStatus.RUNNING)) {
            for (Task t : ecs.tasks(cluster, d)) PastTask.of(t, clusterName(cluster)).ifPresent(tasks::add);
        }
        String clusterArn = !services.isEmpty() ? services.get(0).clusterArn()
                : !tasks.isEmpty() ? tasks.get(0).clusterArn() : null;
        if (clusterArn == null) return null;
        Instant from = now.minus(lookback);
        Optional<Instant> live = history.lastLive(clusterArn);
        if (live.isPresent() && live.get().isAfter(from)) from = live.get();
        Map<String, List<SeriesPoint>> points = Map.of();
        if (metrics.isPresent()) {
            try {
                points = metrics.get().series(ranges(tasks, from, now));
            } catch (SdkException e) {
                problems.add("CloudWatch: " + explain(e) + "; stops are backfilled without call counts");
            }
        }
        List<BackfillBatch.ServiceFacts> facts = new ArrayList<>();
        for (Service s : services) facts.add(facts(s, clusterName(cluster)));
        String source = metrics.map(MetricHistoryGateway::describe).orElse("");
        return BackfillBatch.of(clusterArn, facts, tasks, points, from, now, source);
    }

    /** Each stopped task up to its kill (from 15 min before, to find the last datapoint), each running one over the gap. */
    static List<MetricHistoryGateway.TaskRange> ranges(List<PastTask> tasks, Instant from, Instant now) {
        List<MetricHistoryGateway.TaskRange> out = new ArrayList<>();
        for (PastTask t : tasks) {
            Instant end = t.stopped() ? t.killAt().orElse(now) : now;
            Instant start = t.stopped() ? min(from, end.minus(BEFORE_KILL)) : from;
            if (t.startedAt().isPresent() && t.startedAt().get().isAfter(start)) start = t.startedAt().get();
            if (end.isAfter(start)) out.add(new MetricHistoryGateway.TaskRange(t.id(), t.clusterName(), t.service(), start, end));
        }
        return out;
    }

    private static BackfillBatch.ServiceFacts facts(Service s, String cluster) {
        List<ServiceEvent> events = s.events().stream().map(e -> new ServiceEvent(e.id(), e.createdAt(), e.message())).toList();
        List<DeploymentSnapshot> deployments = new ArrayList<>();
        for (Deployment d : s.deployments()) {
            deployments.add(new DeploymentSnapshot(d.id(), d.status(), d.taskDefinition(),
                    d.desiredCount() == null ? 0 : d.desiredCount(), d.runningCount() == null ? 0 : d.runningCount(),
                    d.pendingCount() == null ? 0 : d.pendingCount(), d.rolloutStateAsString(), d.createdAt(),
                    d.failedTasks() == null ? 0 : d.failedTasks(), Optional.ofNullable(d.updatedAt()),
                    Optional.ofNullable(d.rolloutStateReason())));
        }
        return new BackfillBatch.ServiceFacts(s.serviceArn(), cluster, s.serviceName(), events, deployments);
    }

    private static String clusterName(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String explain(SdkException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.contains("AccessDenied") || m.contains("not authorized")) {
            return m + " — the profile's role needs ecs:ListServices, ecs:DescribeServices, ecs:ListTasks,"
                    + " ecs:DescribeTasks and cloudwatch:GetMetricData (all read-only) for backfill";
        }
        return m;
    }
}

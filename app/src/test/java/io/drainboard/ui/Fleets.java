package io.drainboard.ui;

import io.drainboard.calls.ActiveCall;
import io.drainboard.calls.CallsReading;
import io.drainboard.fleet.CallsStatus;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetDiff;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.KillClock;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.aws.RequestCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-built snapshots for view tests and the UI benchmark: the records are plain data, so a test can
 * say exactly what the console saw (a task being stopped with three calls, a rollout half done).
 */
public final class Fleets {
    public static final String ACCOUNT = "123456789012";
    /** When every made-up task started: fixed, so an unchanged task compares equal across snapshots. */
    public static final Instant STARTED = Instant.parse("2026-11-23T01:00:00Z");
    public static final StopTimeout FARGATE_MAX = new StopTimeout(120, "container stopTimeout");

    private Fleets() {
    }

    public static String taskArn(String cluster, String id) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + cluster + "/" + id;
    }

    public static String tdArn(String family, int revision) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/" + family + ":" + revision;
    }

    public static List<ActiveCall> calls(String arn, Instant now, Duration... ages) {
        List<ActiveCall> out = new ArrayList<>();
        for (int i = 0; i < ages.length; i++) out.add(new ActiveCall("room-" + arn.hashCode() + "-" + i, arn, now.minus(ages[i])));
        return out;
    }

    /** A running Fargate task with these calls (by age) and protection. */
    public static TaskSnapshot running(String cluster, String service, String id, int revision, Instant now,
                                       Protection protection, List<ActiveCall> calls) {
        return task(cluster, service, id, revision, "RUNNING", "RUNNING", now, protection, calls, Optional.empty(), Optional.empty());
    }

    /** A task ECS sent SIGTERM {@code since} ago: SIGKILL comes stopTimeout (120 s) after that. */
    public static TaskSnapshot sigtermed(String cluster, String service, String id, int revision, Instant now,
                                         Duration since, List<ActiveCall> calls) {
        Instant at = now.minus(since);
        Instant kill = at.plusSeconds(FARGATE_MAX.seconds());
        return task(cluster, service, id, revision, "STOPPING", "STOPPED", now, Protection.OFF, calls, Optional.of(at),
                Optional.of(new KillClock(at, Optional.of(at), kill, kill, "stoppingAt + stopTimeout 120 s")));
    }

    public static TaskSnapshot task(String cluster, String service, String id, int revision, String last, String desired,
                                    Instant now, Protection protection, List<ActiveCall> calls,
                                    Optional<Instant> stoppingAt, Optional<KillClock> kill) {
        String arn = taskArn(cluster, id);
        Optional<Instant> oldest = calls.stream().map(ActiveCall::startedAt).min(Instant::compareTo);
        TaskCalls tc = new TaskCalls.Known(calls.size(), oldest, "livekit", now, calls);
        return new TaskSnapshot(arn, id, cluster, service, tdArn(service, revision), service, revision, "FARGATE",
                "us-east-1" + "abc".charAt(Math.floorMod(id.hashCode(), 3)), last, desired, "HEALTHY",
                Optional.of(STARTED), stoppingAt, protection, tc, FARGATE_MAX, List.of(),
                Optional.of("10.0.0." + Math.floorMod(id.hashCode(), 250)), Optional.of("ecs-svc/1"), Optional.empty(),
                Optional.empty(), Optional.empty(), kill, now);
    }

    public static ServiceSnapshot service(String cluster, String name, int revision, List<TaskSnapshot> tasks) {
        return new ServiceSnapshot(cluster, name, "arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/" + cluster + "/" + name,
                "FARGATE", tasks.size(), (int) tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus())).count(), 0,
                tdArn(name, revision), List.of(), tasks);
    }

    /** A snapshot whose diff is against {@code previous} (null: everything added). */
    public static FleetSnapshot snapshot(long sequence, Instant at, FleetSnapshot previous, List<ServiceSnapshot> services) {
        Map<String, List<ServiceSnapshot>> byCluster = new java.util.LinkedHashMap<>();
        for (ServiceSnapshot s : services) byCluster.computeIfAbsent(s.clusterName(), k -> new ArrayList<>()).add(s);
        List<ClusterSnapshot> clusters = new ArrayList<>();
        byCluster.forEach((c, ss) -> clusters.add(new ClusterSnapshot(c, "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + c, ss,
                Optional.empty(), "bench", "us-east-1", at)));
        CallsStatus reading = CallsStatus.ok("livekit", at);
        FleetDiff diff = previous == null ? FleetDiff.between(0, List.of(), sequence, clusters)
                : FleetDiff.between(previous.sequence(), previous.clusters(), sequence, clusters);
        return new FleetSnapshot(sequence, "bench", "us-east-1", at, Duration.ofMillis(42), clusters, reading, List.of(),
                diff, RequestCounts.NONE, List.of());
    }
}

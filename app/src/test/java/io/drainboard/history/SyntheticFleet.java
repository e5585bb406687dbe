package io.drainboard.history;

import io.drainboard.aws.RequestCounts;
import io.drainboard.calls.ActiveCall;
import io.drainboard.calls.CallsReading;
import io.drainboard.fleet.CallsStatus;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.ContainerSnapshot;
import io.drainboard.fleet.DeploymentConfig;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.FleetDiff;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.KillClock;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceEvent;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A generated fleet for the history benchmark: services of Fargate tasks whose calls arrive as a Poisson
 * process (load 0.6 of 6) and last a lognormal time (median 4 min), read by LiveKit every refresh; each
 * service deploys once a day, replacing its tasks 5 a minute with 30 s of SIGTERM each, so tasks with calls
 * are SIGKILLed as on Fargate. Unchanged tasks keep their snapshot objects between refreshes.
 */
final class SyntheticFleet {
    private static final String ACCOUNT = "arn:aws:ecs:us-east-1:123456789012:";
    private static final double MEDIAN_S = 240, SIGMA = 0.8;
    private static final int CAPACITY = 6;

    private final SplittableRandom rng = new SplittableRandom(20261123);
    private final int services, tasksPerService;
    private final Duration refresh;
    private final List<Svc> svcs = new ArrayList<>();
    private final double arrivalsPerRefresh;
    private Instant now;
    private long seq, calls, stops, kills, nextId;

    private final class Task {
        final String id = String.format("%032x", nextId++);
        final String arn = ACCOUNT + "task/bench/" + id;
        final int revision;
        final Instant started;
        final List<ActiveCall> live = new ArrayList<>();
        final List<Instant> ends = new ArrayList<>();
        Instant stoppingAt;
        TaskSnapshot snap;
        boolean changed = true;

        Task(int revision, Instant started) {
            this.revision = revision;
            this.started = started;
        }
    }

    private final class Svc {
        final String name;
        final int deployMinute;
        int revision = 1;
        List<Task> tasks = new ArrayList<>();
        final Deque<TaskSnapshot> stopped = new ArrayDeque<>();
        final Deque<ServiceEvent> events = new ArrayDeque<>();
        List<DeploymentSnapshot> deployments;
        int replaced = -1;

        Svc(int i) {
            name = "agent-" + i;
            deployMinute = (i * 67) % 1440;
            for (int k = 0; k < tasksPerService; k++) tasks.add(new Task(1, now));
            deployments = List.of(deployment(revision, "COMPLETED", now));
        }

        DeploymentSnapshot deployment(int rev, String state, Instant at) {
            return deployment(rev, "PRIMARY", state, at);
        }

        DeploymentSnapshot deployment(int rev, String status, String state, Instant at) {
            return new DeploymentSnapshot("ecs-svc/" + name + "-" + rev, status, ACCOUNT + "task-definition/" + name + ":" + rev,
                    tasksPerService, tasksPerService, 0, state, at);
        }
    }

    SyntheticFleet(int services, int tasksPerService, Duration refresh, Instant start) {
        this.services = services;
        this.tasksPerService = tasksPerService;
        this.refresh = refresh;
        this.now = start;
        double meanS = MEDIAN_S * Math.exp(SIGMA * SIGMA / 2);
        this.arrivalsPerRefresh = 0.6 * CAPACITY / meanS * refresh.toSeconds();
        for (int i = 0; i < services; i++) svcs.add(new Svc(i));
    }

    long calls() { return calls; }

    long stops() { return stops; }

    long kills() { return kills; }

    /** The fleet one refresh later. */
    FleetSnapshot next() {
        now = now.plus(refresh);
        List<ServiceSnapshot> out = new ArrayList<>(svcs.size());
        for (Svc s : svcs) out.add(step(s));
        ClusterSnapshot c = new ClusterSnapshot("bench", ACCOUNT + "cluster/bench", out, Optional.empty(), "bench", "us-east-1", now);
        seq++;
        return new FleetSnapshot(seq, "bench", "us-east-1", now, Duration.ofMillis(300), List.of(c),
                CallsStatus.ok("livekit", now), List.of(), FleetDiff.between(seq - 1, List.of(), seq, List.of()),
                RequestCounts.NONE, List.of());
    }

    private ServiceSnapshot step(Svc s) {
        long minuteOfDay = Math.floorMod(now.getEpochSecond() / 60, 1440);
        boolean deploying = s.replaced >= 0;
        if (!deploying && minuteOfDay == s.deployMinute && now.getEpochSecond() % 60 < refresh.toSeconds()) {
            s.revision++;
            s.replaced = 0;
            s.deployments = List.of(s.deployment(s.revision, "IN_PROGRESS", now),
                    s.deployment(s.revision - 1, "ACTIVE", "COMPLETED", now));
            event(s, "(service " + s.name + ") has started a deployment.");
        }
        List<Task> next = new ArrayList<>(s.tasks.size());
        for (Task t : s.tasks) {
            if (t.stoppingAt == null && s.replaced >= 0 && t.revision < s.revision
                    && s.replaced < minutesSince(s) * 5 + 5) {
                t.stoppingAt = now;
                t.changed = true;
                s.replaced++;
                next.add(new Task(s.revision, now));
                event(s, "(service " + s.name + ") has started 1 tasks: (task " + next.get(next.size() - 1).id + ").");
            }
            if (t.stoppingAt != null && !now.isBefore(t.stoppingAt.plusSeconds(30))) {
                stop(s, t);
                continue;
            }
            calls(t);
            next.add(t);
        }
        s.tasks = next;
        if (s.replaced >= tasksPerService && s.tasks.stream().allMatch(t -> t.revision == s.revision)) {
            s.replaced = -1;
            s.deployments = List.of(s.deployment(s.revision, "COMPLETED", now));
            event(s, "(service " + s.name + ") (deployment ecs-svc/" + s.name + "-" + s.revision + ") deployment completed.");
        }
        while (!s.stopped.isEmpty() && s.stopped.peekFirst().stoppedAt().orElseThrow().isBefore(now.minus(Duration.ofHours(1)))) {
            s.stopped.removeFirst();
        }
        List<TaskSnapshot> snaps = new ArrayList<>(s.tasks.size());
        for (Task t : s.tasks) snaps.add(snapshot(s, t));
        return new ServiceSnapshot("bench", s.name, ACCOUNT + "service/bench/" + s.name, "FARGATE", tasksPerService,
                tasksPerService, 0, ACCOUNT + "task-definition/" + s.name + ":" + s.revision, s.deployments, snaps, "ACTIVE",
                List.copyOf(s.events), Optional.of(new StopTimeout(30, "Fargate default")), false,
                DeploymentConfig.ECS_DEFAULT, false, List.copyOf(s.stopped), Optional.empty());
    }

    private long minutesSince(Svc s) {
        Instant started = s.deployments.get(0).createdAt();
        return Duration.between(started, now).toMinutes();
    }

    private void calls(Task t) {
        for (int i = t.live.size() - 1; i >= 0; i--) {
            if (!t.ends.get(i).isAfter(now)) {
                t.live.remove(i);
                t.ends.remove(i);
                t.changed = true;
            }
        }
        if (t.stoppingAt != null) return; // draining: no new calls
        int arrivals = poisson(arrivalsPerRefresh);
        for (int i = 0; i < arrivals && t.live.size() < CAPACITY; i++) {
            double len = MEDIAN_S * Math.exp(SIGMA * gaussian());
            Instant start = now.minusMillis(rng.nextLong(refresh.toMillis()));
            t.live.add(new ActiveCall("room-" + Long.toString(calls++, 36), t.arn, start));
            t.ends.add(start.plusMillis((long) (len * 1000)));
            t.changed = true;
        }
    }

    private void stop(Svc s, Task t) {
        stops++;
        boolean killed = !t.live.isEmpty();
        if (killed) kills++;
        TaskSnapshot st = new TaskSnapshot(t.arn, t.id, "bench", s.name, ACCOUNT + "task-definition/" + s.name + ":" + t.revision,
                s.name, t.revision, "FARGATE", "us-east-1a", "STOPPED", "STOPPED", "UNKNOWN", Optional.of(t.started),
                Optional.of(t.stoppingAt), Protection.OFF, new TaskCalls.Known(0, Optional.empty(), "livekit", now, List.of()),
                new StopTimeout(30, "Fargate default"), List.of(new ContainerSnapshot("agent", "img", "STOPPED",
                Optional.of(killed ? 137 : 0), Optional.empty(), "UNKNOWN")), Optional.empty(),
                Optional.of("ecs-svc/" + s.name + "-" + t.revision), Optional.of(now), Optional.of("ServiceSchedulerInitiated"),
                Optional.of("Scaling activity initiated by (deployment ecs-svc/" + s.name + "-" + s.revision + ")"),
                Optional.empty(), now);
        s.stopped.addLast(st);
        event(s, "(service " + s.name + ") has stopped 1 running tasks: (task " + t.id + ").");
    }

    private TaskSnapshot snapshot(Svc s, Task t) {
        if (!t.changed && t.snap != null) return t.snap;
        boolean stopping = t.stoppingAt != null;
        Optional<KillClock> kill = stopping ? Optional.of(new KillClock(t.stoppingAt, Optional.of(t.stoppingAt),
                t.stoppingAt.plusSeconds(30), t.stoppingAt.plusSeconds(30), "stoppingAt + stopTimeout 30 s")) : Optional.empty();
        t.snap = new TaskSnapshot(t.arn, t.id, "bench", s.name, ACCOUNT + "task-definition/" + s.name + ":" + t.revision,
                s.name, t.revision, "FARGATE", "us-east-1a", stopping ? "STOPPING" : "RUNNING", stopping ? "STOPPED" : "RUNNING",
                "HEALTHY", Optional.of(t.started), Optional.ofNullable(t.stoppingAt), Protection.OFF,
                new TaskCalls.Known(t.live.size(), Optional.empty(), "livekit", now, List.copyOf(t.live)),
                new StopTimeout(30, "Fargate default"), List.of(), Optional.empty(), Optional.of("ecs-svc/" + s.name + "-" + t.revision),
                Optional.empty(), Optional.empty(), Optional.empty(), kill, now);
        t.changed = false;
        return t.snap;
    }

    private void event(Svc s, String message) {
        s.events.addFirst(new ServiceEvent(Long.toString(rng.nextLong() & Long.MAX_VALUE, 36), now, message));
        while (s.events.size() > 100) s.events.removeLast();
    }

    private int poisson(double mean) {
        int k = 0;
        double p = Math.exp(-mean), sum = p, u = rng.nextDouble();
        while (u > sum && k < 50) {
            k++;
            p *= mean / k;
            sum += p;
        }
        return k;
    }

    private double gaussian() {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

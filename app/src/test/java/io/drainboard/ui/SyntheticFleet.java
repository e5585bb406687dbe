package io.drainboard.ui;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A large made-up fleet for the UI benchmark: {@code tasks} tasks over 2 clusters and 10 services, calls
 * starting and ending on about a tenth of them per refresh, a few tasks being stopped (so countdowns
 * tick) and protection on some. Each {@link #next} is a new immutable snapshot with a real FleetDiff.
 */
final class SyntheticFleet {
    private static final int SERVICES = 10;
    private final SplittableRandom random = new SplittableRandom(42);
    private final List<List<ActiveCall>> calls = new ArrayList<>();
    private final List<Protection> protection = new ArrayList<>();
    private final int tasks;
    private FleetSnapshot previous;
    private long sequence;

    SyntheticFleet(int tasks, Instant now) {
        this.tasks = tasks;
        for (int i = 0; i < tasks; i++) {
            List<ActiveCall> on = new ArrayList<>();
            int n = random.nextInt(7);
            for (int c = 0; c < n; c++) on.add(call(i, now.minusSeconds(random.nextInt(1800))));
            calls.add(on);
            protection.add(random.nextInt(4) == 0 ? Protection.until(now.plusSeconds(600 + random.nextInt(6000))) : Protection.OFF);
        }
    }

    private ActiveCall call(int task, Instant start) {
        return new ActiveCall("room-" + task + "-" + random.nextLong(), arn(task), start);
    }

    private static String cluster(int task) {
        return task % 2 == 0 ? "voice-prod" : "voice-eu";
    }

    private static String service(int task) {
        return "agent-" + (task / 2) % SERVICES;
    }

    private static String id(int task) {
        return String.format("%032x", (long) task * 2654435761L);
    }

    private static String arn(int task) {
        return Fleets.taskArn(cluster(task), id(task));
    }

    /** A tenth of the tasks gain or lose a call; the rest stay as they were. */
    FleetSnapshot next(Instant now) {
        if (previous != null) {
            for (int k = 0; k < tasks / 10; k++) {
                int i = random.nextInt(tasks);
                List<ActiveCall> on = new ArrayList<>(calls.get(i));
                if (!on.isEmpty() && random.nextBoolean()) on.remove(random.nextInt(on.size()));
                else if (on.size() < 8) on.add(call(i, now));
                calls.set(i, on);
            }
        }
        List<List<TaskSnapshot>> byService = new ArrayList<>();
        for (int s = 0; s < SERVICES * 2; s++) byService.add(new ArrayList<>());
        for (int i = 0; i < tasks; i++) {
            TaskSnapshot t = i % 500 == 7
                    ? Fleets.sigtermed(cluster(i), service(i), id(i), 41, now, Duration.ofSeconds(i % 120), calls.get(i))
                    : Fleets.task(cluster(i), service(i), id(i), 41, "RUNNING", "RUNNING", now, protection.get(i), calls.get(i),
                    Optional.empty(), Optional.empty());
            byService.get((i % 2) * SERVICES + (i / 2) % SERVICES).add(t);
        }
        List<ServiceSnapshot> services = new ArrayList<>();
        for (List<TaskSnapshot> ts : byService) {
            if (!ts.isEmpty()) services.add(Fleets.service(ts.get(0).clusterName(), ts.get(0).serviceName(), 41, ts));
        }
        previous = Fleets.snapshot(++sequence, now, previous, services);
        return previous;
    }
}

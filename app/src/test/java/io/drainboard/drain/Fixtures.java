package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small snapshots for engine unit tests; the only place that knows the records' constructors. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    private Fixtures() {
    }

    static TaskSnapshot task(String id, int calls, Protection protection) {
        return task(id, calls >= 0 ? new TaskCalls.Known(calls, calls > 0 ? Optional.of(NOW.minusSeconds(300))
                : Optional.empty(), "livekit", NOW, List.of())
                : new TaskCalls.Unknown("livekit", NOW, "LiveKit unreachable"), protection);
    }

    static TaskSnapshot task(String id, TaskCalls calls, Protection protection) {
        return new TaskSnapshot("arn:aws:ecs:us-east-1:1:task/c/" + id, id, "c", "svc",
                "arn:aws:ecs:us-east-1:1:task-definition/svc:1", "svc", 1, "FARGATE", "us-east-1a", "RUNNING",
                "RUNNING", "HEALTHY", Optional.of(NOW.minusSeconds(3600)), Optional.empty(), protection, calls,
                new StopTimeout(120, "container stopTimeout"));
    }

    static ServiceSnapshot service(TaskSnapshot... tasks) {
        return withDesired(tasks.length, tasks);
    }

    /** A service whose desired count may be below its running tasks: a scale-in ECS is waiting to do. */
    static ServiceSnapshot withDesired(int desired, TaskSnapshot... tasks) {
        return new ServiceSnapshot("c", "svc", "arn:aws:ecs:us-east-1:1:service/c/svc", "FARGATE", desired,
                tasks.length, 0, "arn:aws:ecs:us-east-1:1:task-definition/svc:1", List.of(), List.of(tasks));
    }

    /** The task as a read shows it once stopped. */
    static TaskSnapshot stopped(String id, Instant at) {
        TaskSnapshot t = task(id, 0, Protection.OFF);
        return new TaskSnapshot(t.arn(), t.id(), "c", "svc", t.taskDefinitionArn(), "svc", 1, "FARGATE", "us-east-1a",
                "STOPPED", "STOPPED", "UNKNOWN", t.startedAt(), Optional.of(at), Protection.OFF, t.calls(), t.stopTimeout());
    }

    /** The service as read, with the tasks it lists as recently stopped and, if the read was incomplete, why. */
    static ServiceSnapshot withStopped(ServiceSnapshot s, List<TaskSnapshot> recentlyStopped, Optional<String> error) {
        return new ServiceSnapshot("c", "svc", s.arn(), "FARGATE", s.desiredCount(), s.runningCount(), 0, s.taskDefinitionArn(),
                List.of(), s.tasks(), "ACTIVE", List.of(), Optional.empty(), false, s.deploymentConfig(), false,
                recentlyStopped, error);
    }
}

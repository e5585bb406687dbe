package io.drainboard.history;

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
import io.drainboard.aws.RequestCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built snapshots for the recorder's unit tests (pure data, no AWS). */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/voice-prod";
    static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/voice-prod/support-agent";

    private Fixtures() {
    }

    static String taskArn(String id) {
        return "arn:aws:ecs:us-east-1:123456789012:task/voice-prod/" + id;
    }

    static TaskSnapshot running(String id, Instant at, String... rooms) {
        List<ActiveCall> calls = java.util.Arrays.stream(rooms).map(r -> new ActiveCall(r, taskArn(id), at.minusSeconds(60))).toList();
        return task(id, "RUNNING", "RUNNING", at, calls, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    static TaskSnapshot stopping(String id, Instant at, Instant stoppingAt, String... rooms) {
        List<ActiveCall> calls = java.util.Arrays.stream(rooms).map(r -> new ActiveCall(r, taskArn(id), at.minusSeconds(60))).toList();
        KillClock k = new KillClock(stoppingAt, Optional.of(stoppingAt), stoppingAt.plusSeconds(120),
                stoppingAt.plusSeconds(120), "stoppingAt + stopTimeout 120 s");
        return task(id, "STOPPING", "STOPPED", at, calls, Optional.of(k), List.of(), Optional.of(stoppingAt), Optional.empty());
    }

    static TaskSnapshot stopped(String id, Instant at, Instant stoppingAt, int exit, String reason, String startedBy) {
        return new TaskSnapshot(taskArn(id), id, "voice-prod", "support-agent",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41", "support-agent", 41, "FARGATE",
                "us-east-1a", "STOPPED", "STOPPED", "UNKNOWN", Optional.of(T0.minusSeconds(3600)), Optional.of(stoppingAt),
                Protection.OFF, calls(at, List.of()), new StopTimeout(120, "container 120 s"),
                List.of(new ContainerSnapshot("agent", "img", "STOPPED", Optional.of(exit), Optional.empty(), "UNKNOWN")),
                Optional.of("10.0.0.1"), Optional.of(startedBy), Optional.of(at.minusSeconds(2)),
                Optional.of("ServiceSchedulerInitiated"), Optional.of(reason), Optional.empty(), at);
    }

    private static TaskSnapshot task(String id, String last, String desired, Instant at, List<ActiveCall> calls,
                                     Optional<KillClock> kill, List<ContainerSnapshot> containers,
                                     Optional<Instant> stoppingAt, Optional<Instant> stoppedAt) {
        return new TaskSnapshot(taskArn(id), id, "voice-prod", "support-agent",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41", "support-agent", 41, "FARGATE",
                "us-east-1a", last, desired, "HEALTHY", Optional.of(T0.minusSeconds(3600)), stoppingAt, Protection.OFF,
                calls(at, calls), new StopTimeout(120, "container 120 s"), containers, Optional.of("10.0.0.1"),
                Optional.of("ecs-svc/1"), stoppedAt, Optional.empty(), Optional.empty(), kill, at);
    }

    static TaskCalls calls(Instant at, List<ActiveCall> calls) {
        return new TaskCalls.Known(calls.size(), calls.stream().map(ActiveCall::startedAt).min(Instant::compareTo), "livekit", at, calls);
    }

    static FleetSnapshot snapshot(long seq, Instant at, List<TaskSnapshot> tasks, List<TaskSnapshot> stopped,
                                  List<ServiceEvent> events) {
        ServiceSnapshot s = new ServiceSnapshot("voice-prod", "support-agent", SERVICE_ARN, "FARGATE", tasks.size(),
                tasks.size(), 0, "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41",
                List.of(new DeploymentSnapshot("ecs-svc/1", "PRIMARY", "arn:aws:ecs:us-east-1:123456789012:task-definition/support-agent:41",
                        tasks.size(), tasks.size(), 0, "COMPLETED", T0.minusSeconds(7200))),
                tasks, "ACTIVE", events, Optional.of(new StopTimeout(120, "container 120 s")), true,
                DeploymentConfig.ECS_DEFAULT, false, stopped, Optional.empty());
        ClusterSnapshot c = new ClusterSnapshot("voice-prod", CLUSTER_ARN, List.of(s), Optional.empty(), "test", "us-east-1", at);
        return new FleetSnapshot(seq, "test", "us-east-1", at, Duration.ofMillis(100), List.of(c),
                CallsStatus.ok("livekit", at), List.of(), FleetDiff.between(0, List.of(), seq, List.of(c)),
                RequestCounts.NONE, List.of());
    }
}

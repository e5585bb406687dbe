package io.drainboard.rollout;

import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.DeploymentConfig;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built snapshots for the pure parts (preflight, plan); the only place that knows the records' shapes. */
final class Snapshots {
    static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    static final String TD1 = "arn:aws:ecs:us-east-1:1:task-definition/agent:1";
    static final String TD2 = "arn:aws:ecs:us-east-1:1:task-definition/agent:2";

    private Snapshots() {
    }

    /** A task on agent:1 with calls of these ages (seconds); a negative count means calls unknown. */
    static TaskSnapshot task(String id, double... callAges) {
        List<ActiveCall> calls = new ArrayList<>();
        String arn = "arn:aws:ecs:us-east-1:1:task/voice/" + id;
        for (int i = 0; i < callAges.length; i++) {
            calls.add(new ActiveCall("room-" + id + "-" + i, arn, NOW.minusMillis((long) (callAges[i] * 1000))));
        }
        Optional<Instant> oldest = calls.stream().map(ActiveCall::startedAt).min(Instant::compareTo);
        TaskCalls tc = new TaskCalls.Known(calls.size(), oldest, "livekit", NOW, calls);
        return task(id, tc);
    }

    static TaskSnapshot unknownCalls(String id) {
        return task(id, new TaskCalls.Unknown("livekit", NOW, "LiveKit unreachable"));
    }

    private static TaskSnapshot task(String id, TaskCalls calls) {
        return new TaskSnapshot("arn:aws:ecs:us-east-1:1:task/voice/" + id, id, "voice", "agent", TD1, "agent", 1,
                "FARGATE", "us-east-1a", "RUNNING", "RUNNING", "HEALTHY", Optional.of(NOW.minusSeconds(7200)),
                Optional.empty(), Protection.OFF, calls, new StopTimeout(120, "container 120 s"), List.of(),
                Optional.of("10.0.0.1"), Optional.of("ecs-svc/1"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), NOW);
    }

    static ServiceSnapshot service(int desired, List<TaskSnapshot> tasks) {
        return service(desired, tasks, true, false, List.of(primary()));
    }

    static ServiceSnapshot service(int desired, List<TaskSnapshot> tasks, boolean exec, boolean loadBalanced,
                                   List<DeploymentSnapshot> deployments) {
        return new ServiceSnapshot("voice", "agent", "arn:aws:ecs:us-east-1:1:service/voice/agent", "FARGATE", desired,
                tasks.size(), 0, TD1, deployments, tasks, "ACTIVE", List.of(), Optional.of(new StopTimeout(120, "container")),
                exec, DeploymentConfig.ECS_DEFAULT, loadBalanced, List.of(), Optional.empty());
    }

    static DeploymentSnapshot primary() {
        return new DeploymentSnapshot("ecs-svc/1", "PRIMARY", TD1, 4, 4, 0, "COMPLETED", NOW.minus(Duration.ofDays(2)));
    }

    static ServiceDeployGateway.Revision revision2(Integer stopTimeout) {
        return new ServiceDeployGateway.Revision(TD2, "agent", 2,
                List.of(new ServiceDeployGateway.Container("agent", true, Optional.ofNullable(stopTimeout))), List.of("FARGATE"));
    }

    static RolloutSettings settings(String cordon, int maxParallel) {
        return new RolloutSettings(cordon, null, "kill -TERM 1", "http://{taskIp}:8081/drain", maxParallel, 1,
                Duration.ofMinutes(60), Duration.ofMinutes(20), Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMinutes(10), 3, 240, 1500, 0.999, false);
    }

    static RolloutSpec spec(RolloutSettings s) {
        return new RolloutSpec("voice", "agent", "arn:aws:ecs:us-east-1:1:service/voice/agent", TD1, "agent:1", TD2,
                "agent:2", s);
    }

    /** A journaled rollout's memory at its start, for journal tests. */
    static RolloutMemory memory(String id) {
        RolloutMemory m = new RolloutMemory();
        m.id = id;
        m.spec = spec(settings("exec-signal", 2));
        m.target = m.spec.to();
        m.targetLabel = m.spec.toLabel();
        m.startedAt = NOW;
        return m;
    }
}

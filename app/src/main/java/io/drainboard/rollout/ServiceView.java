package io.drainboard.rollout;

import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * One service at one refresh as a rollout toward {@code target} sees it. ECS replaces tasks by deployment,
 * not by revision (a task belongs to the deployment that started it: its startedBy), so a task is
 * incoming only when the PRIMARY deployment deploys the target and started it; every other live task is
 * outgoing, including, in a rollback, tasks that already run the target revision under an older deployment.
 */
final class ServiceView {
    final ServiceSnapshot svc;
    final String target;
    final Optional<DeploymentSnapshot> primary;

    ServiceView(ServiceSnapshot svc, String target) {
        this.svc = svc;
        this.target = target;
        this.primary = svc.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    /** The service's PRIMARY deployment runs the target revision. */
    boolean deployed() {
        return primary.map(d -> target.equals(d.taskDefinitionArn())).orElse(false);
    }

    /** Some other revision is PRIMARY now, though we deployed the target (someone else, or ECS's circuit breaker). */
    Optional<String> primaryRevision() {
        return primary.map(DeploymentSnapshot::taskDefinitionArn);
    }

    boolean incoming(TaskSnapshot t) {
        if (!deployed()) return false;
        String id = primary.get().id();
        return t.startedBy().map(id::equals).orElse(target.equals(t.taskDefinitionArn()));
    }

    static boolean live(TaskSnapshot t) {
        return !"STOPPED".equals(t.lastStatus()) && !t.stopping();
    }

    static boolean running(TaskSnapshot t) {
        return live(t) && "RUNNING".equals(t.lastStatus());
    }

    List<TaskSnapshot> outgoing() {
        return svc.tasks().stream().filter(t -> live(t) && !incoming(t)).toList();
    }

    List<TaskSnapshot> runningOutgoing() {
        return svc.tasks().stream().filter(t -> running(t) && !incoming(t)).toList();
    }

    List<TaskSnapshot> incomingLive() {
        return svc.tasks().stream().filter(t -> live(t) && incoming(t)).toList();
    }

    Optional<TaskSnapshot> task(String arn) {
        return svc.tasks().stream().filter(t -> t.arn().equals(arn)).findFirst();
    }

    int desired() {
        return svc.desiredCount();
    }

    /** Tasks of the target's deployment that stopped without us (failed to start, crashed, turned unhealthy). */
    List<TaskSnapshot> failedIncoming() {
        if (!deployed()) return List.of();
        String id = primary.get().id();
        return svc.recentlyStopped().stream()
                .filter(t -> t.startedBy().map(id::equals).orElse(false))
                .filter(t -> t.stopCode().map(c -> c.equals("TaskFailedToStart") || c.equals("EssentialContainerExited"))
                        .orElse(false))
                .toList();
    }
}

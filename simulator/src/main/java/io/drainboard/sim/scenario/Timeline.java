package io.drainboard.sim.scenario;

import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.ServiceUpdate;
import io.drainboard.sim.model.TaskDefinitionState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's timeline: what an operator (or a CI pipeline) did to a service, replayed in virtual time —
 * during the warm-up for negative times, so its stopped tasks, events and ground truth are there at start.
 */
final class Timeline {
    private Timeline() {
    }

    static void schedule(FleetModel model, Scenario.TimelineAction a, Instant start, Instant origin) {
        if (a.at() == null) throw new IllegalArgumentException("timeline: every action needs 'at' (e.g. -60m)");
        String at = a.at().trim();
        boolean before = at.startsWith("-");
        java.time.Duration offset = DurationText.parse(before || at.startsWith("+") ? at.substring(1) : at);
        Instant when = before ? start.minus(offset) : start.plus(offset);
        if (when.isBefore(origin)) {
            throw new IllegalArgumentException("timeline: action at " + at + " is before the warm-up begins; lengthen warmup");
        }
        ClusterState c = model.cluster(a.cluster()).orElseThrow(() -> new IllegalArgumentException(
                "timeline: no cluster '" + a.cluster() + "'"));
        ServiceState s = c.services().get(a.service());
        if (s == null) throw new IllegalArgumentException("timeline: no service '" + a.service() + "' in " + a.cluster());
        model.at(when, () -> run(model, s, a));
    }

    private static void run(FleetModel model, ServiceState s, Scenario.TimelineAction a) {
        if (a.deploy() != null) {
            TaskDefinitionState td = newRevision(model, s, a.deploy());
            if (a.deploy().failsToStart() != null) model.failLaunches(td.arn(), a.deploy().failsToStart());
            if (Boolean.TRUE.equals(a.deploy().failsHealthChecks())) model.failHealthChecks(td.arn(), true);
            model.updateService(s, new ServiceUpdate(a.desiredCount(), td.arn(), null, null, null, null, false, null));
        } else {
            model.updateService(s, new ServiceUpdate(a.desiredCount(), null, null, null, null, null,
                    Boolean.TRUE.equals(a.forceNewDeployment()), null));
        }
    }

    private static TaskDefinitionState newRevision(FleetModel model, ServiceState s, Scenario.DeploySpec d) {
        TaskDefinitionState old = model.taskDefinition(s.taskDefinitionArn()).orElseThrow();
        List<ContainerDef> containers = new ArrayList<>();
        boolean first = true;
        for (ContainerDef c : old.containers()) {
            boolean worker = first && c.essential();
            containers.add(new ContainerDef(c.name(), worker && d.image() != null ? d.image() : c.image(), c.cpu(),
                    c.memory(), c.essential(), worker && d.stopTimeout() != null ? d.stopTimeout() : c.stopTimeout(),
                    c.memoryReservation(), c.healthCheck()));
            if (c.essential()) first = false;
        }
        return model.registerTaskDefinition(old.family(), null, old.cpu(), old.memory(), old.networkMode(),
                old.requiresCompatibilities(), containers);
    }
}

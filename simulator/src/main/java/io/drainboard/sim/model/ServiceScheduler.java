package io.drainboard.sim.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS service scheduler for REPLICA services with the rolling update (ECS) deployment controller
 * (Developer Guide "Deploy Amazon ECS services by replacing tasks"; API Reference "DeploymentConfiguration"):
 * keeps desiredCount tasks of the PRIMARY deployment; starts new ones while the service's tasks "in the
 * RUNNING or PENDING state" stay within maximumPercent (rounded down) — a task told to stop counts until it
 * has stopped, so at 100 % "replacement tasks can't start until the draining tasks have stopped" (Developer
 * Guide "Draining Amazon ECS container instances") — and stops old ones while minimumHealthyPercent (rounded
 * up) of healthy tasks stays met ({@link Health} says when a new task counts as healthy). Task scale-in
 * protection ("Protect your Amazon ECS tasks from being terminated by scale-in events"): protected tasks are
 * stopped neither by scale-in nor by deployments; the scheduler waits. Tasks on a DRAINING container instance
 * are replaced like an old deployment's, protected or not (RUNNING service tasks "are stopped and replaced
 * according to the service's deployment configuration parameters"; PENDING ones are stopped at once).
 * Scale-in takes, among unprotected tasks, one from the Availability Zone with the most tasks, then from the
 * container instance with the most (API Reference "UpdateService"); nothing is said about age, so ties are
 * broken at random. One pass per service is queued at a time; passes run when something changes.
 */
final class ServiceScheduler {
    private final FleetModel m;

    ServiceScheduler(FleetModel m) {
        this.m = m;
    }

    void request(ServiceState s) {
        if (s.reconcileQueued) return;
        s.reconcileQueued = true;
        m.schedule(m.now(), () -> {
            s.reconcileQueued = false;
            reconcile(s);
        });
    }

    void taskChanged(TaskState t) {
        if (t.service == null) return;
        request(t.service);
    }

    void launchFailed(TaskState t) {
        m.deployments.launchFailed(t);
    }

    private void reconcile(ServiceState s) {
        int desired = s.desiredCount;
        DeploymentState primary = s.deployments.get(0);
        List<TaskState> keep = new ArrayList<>();
        List<TaskState> retire = new ArrayList<>();
        for (TaskState t : s.tasks.values()) {
            if (t.stopping()) continue;
            if (t.deployment == primary && !onDrainingInstance(t)) keep.add(t);
            else retire.add(t);
        }
        String reason = "Scaling activity initiated by (deployment " + primary.id + ")";
        List<TaskState> stopped = new ArrayList<>();
        List<String> waiting = new ArrayList<>();

        // Scale-in: protected tasks are skipped; what cannot be stopped now waits.
        int excess = keep.size() - desired;
        if (excess > 0) {
            List<TaskState> victims = scaleInVictims(keep, excess);
            for (TaskState t : victims) stop(t, reason, stopped);
            keep.removeAll(victims);
            if (victims.size() < excess) {
                waiting.add("(service " + s.name + ") was unable to scale in " + (excess - victims.size())
                        + " tasks because they are protected from scale-in.");
            }
        }

        // Old deployment / draining instance: stop while minimumHealthyPercent holds, never a protected old task.
        int minHealthy = (int) Math.ceil(desired * s.minimumHealthyPercent / 100.0);
        int healthy = 0;
        for (TaskState t : s.tasks.values()) if (t.healthy()) healthy++;
        retire.sort(Comparator.comparing(TaskState::healthy).thenComparing(TaskState::createdAt));
        int protectedOld = 0;
        List<TaskState> remaining = new ArrayList<>();
        for (TaskState t : retire) {
            if (t.heldByProtection(m.now()) && !onDrainingInstance(t)) {
                protectedOld++;
                remaining.add(t);
            } else if (!t.healthy()) {
                stop(t, drainReason(t, reason), stopped);
            } else if (healthy - 1 >= minHealthy) {
                stop(t, drainReason(t, reason), stopped);
                healthy--;
            } else {
                remaining.add(t);
            }
        }
        if (protectedOld > 0) {
            waiting.add("(service " + s.name + ") was unable to stop " + protectedOld
                    + " tasks of its older deployments because they are protected from scale-in.");
        }

        // Start PRIMARY tasks up to desired, within maximumPercent while old tasks remain.
        List<TaskState> started = new ArrayList<>();
        boolean throttled = s.launchesPausedUntil != null && m.now().isBefore(s.launchesPausedUntil);
        if (!Deployments.halted(s) && !throttled) {
            int live = 0; // RUNNING or PENDING by maximumPercent's count: everything not yet STOPPED
            for (TaskState t : s.tasks.values()) if (!t.stopped()) live++;
            // maximumPercent below 100 would keep a service under its desired count for good; never let it
            int maxTotal = Math.max(desired, (int) Math.floor(desired * s.maximumPercent / 100.0));
            int need = desired - keep.size();
            int room = maxTotal - live;
            int n = Math.min(need, Math.max(0, room));
            Placement placement = n > 0 ? new Placement(s) : null;
            for (int i = 0; i < n; i++) {
                ContainerInstanceState ci = null;
                if ("EC2".equals(s.launchType)) {
                    ci = placement.nextInstance();
                    if (ci == null) {
                        waiting.add("(service " + s.name + ") was unable to place a task because no container instance "
                                + "met all of its requirements. Reason: No Container Instances were found in your cluster.");
                        break;
                    }
                }
                String az = ci != null ? ci.availabilityZone : placement.nextAz();
                TaskState t = m.lifecycle.launch(s.cluster, s, primary, primary.taskDefinitionArn, s.launchType, ci, az);
                placement.placed(t);
                started.add(t);
                keep.add(t);
            }
        }

        events(s, started, stopped, waiting);
        if ("DRAINING".equals(s.status)) {
            boolean left = false;
            for (TaskState t : s.tasks.values()) left |= !t.stopped();
            if (!left) m.serviceDrained(s);
            return;
        }
        boolean atDesired = keep.size() == desired && keep.stream().allMatch(TaskState::healthy);
        m.deployments.settle(s, atDesired && remaining.isEmpty());
        boolean steady = atDesired && remaining.isEmpty() && s.deployments.size() == 1
                && !"IN_PROGRESS".equals(s.deployments.get(0).rolloutState);
        if (steady && !s.steady) m.event(s, "(service " + s.name + ") has reached a steady state.");
        s.steady = steady;
    }

    private void stop(TaskState t, String reason, List<TaskState> stopped) {
        m.lifecycle.ecsStop(t, TaskLifecycle.SCHEDULER, reason);
        stopped.add(t);
    }

    private static String drainReason(TaskState t, String reason) {
        return onDrainingInstance(t) ? "Container instance " + t.containerInstance.ec2InstanceId + " is being drained."
                : reason;
    }

    static boolean onDrainingInstance(TaskState t) {
        return t.containerInstance != null && "DRAINING".equals(t.containerInstance.status);
    }

    /**
     * Unprotected tasks to stop on scale-in, one at a time: from the AZ with the most of the service's tasks,
     * then the container instance with the most, ties at random (API Reference "UpdateService": the scheduler
     * "determines which Availability Zone has the most tasks …" then "the container instance … with the most
     * tasks"; it says nothing of age or health).
     */
    private List<TaskState> scaleInVictims(List<TaskState> keep, int excess) {
        List<TaskState> pool = new ArrayList<>();
        for (TaskState t : keep) if (!t.heldByProtection(m.now())) pool.add(t);
        Map<String, Integer> perAz = new HashMap<>();
        Map<ContainerInstanceState, Integer> perInstance = new HashMap<>();
        for (TaskState t : keep) {
            perAz.merge(t.availabilityZone, 1, Integer::sum);
            if (t.containerInstance != null) perInstance.merge(t.containerInstance, 1, Integer::sum);
        }
        List<TaskState> out = new ArrayList<>();
        while (out.size() < excess && !pool.isEmpty()) {
            List<TaskState> best = new ArrayList<>();
            for (TaskState t : pool) {
                int c = best.isEmpty() ? 1 : compare(t, best.get(0), perAz, perInstance);
                if (c > 0) best.clear();
                if (c >= 0) best.add(t);
            }
            TaskState victim = best.get(best.size() == 1 ? 0 : m.rng().nextInt(best.size()));
            pool.remove(victim);
            perAz.merge(victim.availabilityZone, -1, Integer::sum);
            if (victim.containerInstance != null) perInstance.merge(victim.containerInstance, -1, Integer::sum);
            out.add(victim);
        }
        return out;
    }

    /** Positive when {@code a} goes first: its AZ has more tasks, then its instance has. */
    private static int compare(TaskState a, TaskState b, Map<String, Integer> perAz,
                               Map<ContainerInstanceState, Integer> perInstance) {
        int az = Integer.compare(perAz.get(a.availabilityZone), perAz.get(b.availabilityZone));
        if (az != 0) return az;
        int ia = a.containerInstance == null ? 0 : perInstance.get(a.containerInstance);
        int ib = b.containerInstance == null ? 0 : perInstance.get(b.containerInstance);
        return Integer.compare(ia, ib);
    }

    /** ECS batches what one pass did into one event each ("has started 2 tasks: (task a) (task b)."). */
    private void events(ServiceState s, List<TaskState> started, List<TaskState> stopped, List<String> waiting) {
        if (!started.isEmpty()) m.event(s, "(service " + s.name + ") has started " + started.size() + " tasks: " + ids(started) + ".");
        List<TaskState> deregistering = new ArrayList<>();
        List<TaskState> gone = new ArrayList<>();
        for (TaskState t : stopped) ("DEACTIVATING".equals(t.lastStatus) && !s.deregistrationDelay.isZero() ? deregistering : gone).add(t);
        if (!deregistering.isEmpty()) {
            m.event(s, "(service " + s.name + ") has begun draining connections on " + deregistering.size() + " tasks.");
        }
        if (!gone.isEmpty()) m.event(s, "(service " + s.name + ") has stopped " + gone.size() + " running tasks: " + ids(gone) + ".");
        String wait = waiting.isEmpty() ? null : String.join(" ", waiting);
        if (wait != null && !wait.equals(s.lastWaitingEvent)) {
            for (String w : waiting) m.event(s, w);
        }
        s.lastWaitingEvent = wait;
    }

    private static String ids(List<TaskState> tasks) {
        StringBuilder sb = new StringBuilder();
        for (TaskState t : tasks) sb.append(sb.length() == 0 ? "" : " ").append("(task ").append(t.id).append(')');
        return sb.toString();
    }

    /** Where new tasks go: Fargate spreads over the service's AZs, EC2 over ACTIVE instances with the fewest tasks. */
    private final class Placement {
        private final ServiceState s;
        private final Map<String, Integer> perAz = new HashMap<>();
        private Map<ContainerInstanceState, Integer> perInstance;

        Placement(ServiceState s) {
            this.s = s;
            for (TaskState t : s.tasks.values()) if (!t.stopping()) perAz.merge(t.availabilityZone, 1, Integer::sum);
        }

        String nextAz() {
            String best = null;
            for (String az : s.subnetsAzs) {
                if (best == null || perAz.getOrDefault(az, 0) < perAz.getOrDefault(best, 0)) best = az;
            }
            return best;
        }

        ContainerInstanceState nextInstance() {
            if (perInstance == null) {
                perInstance = new HashMap<>();
                for (ContainerInstanceState ci : s.cluster.instances.values()) {
                    if ("ACTIVE".equals(ci.status) && ci.agentConnected) perInstance.put(ci, 0);
                }
                for (TaskState t : s.cluster.tasks.values()) {
                    if (t.containerInstance != null && !t.stopped()) perInstance.computeIfPresent(t.containerInstance, (k, v) -> v + 1);
                }
            }
            ContainerInstanceState best = null;
            for (ContainerInstanceState ci : s.cluster.instances.values()) {
                Integer n = perInstance.get(ci);
                if (n != null && (best == null || n < perInstance.get(best))) best = ci;
            }
            return best;
        }

        void placed(TaskState t) {
            perAz.merge(t.availabilityZone, 1, Integer::sum);
            if (perInstance != null && t.containerInstance != null) perInstance.merge(t.containerInstance, 1, Integer::sum);
        }
    }
}

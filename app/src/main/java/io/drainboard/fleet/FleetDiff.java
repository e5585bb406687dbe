package io.drainboard.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two snapshots of the same reader, so a view applies only that: tasks and
 * services added, removed (by ARN) and changed (read times aside). A task that ECS stopped leaves
 * {@code tasks} (it is "removed") and shows up in its service's {@code recentlyStopped}.
 */
public record FleetDiff(long fromSequence, long toSequence, List<TaskSnapshot> addedTasks, List<String> removedTasks,
                        List<TaskSnapshot> changedTasks, List<ServiceSnapshot> addedServices,
                        List<String> removedServices, List<ServiceSnapshot> changedServices) {
    public FleetDiff {
        addedTasks = List.copyOf(addedTasks);
        removedTasks = List.copyOf(removedTasks);
        changedTasks = List.copyOf(changedTasks);
        addedServices = List.copyOf(addedServices);
        removedServices = List.copyOf(removedServices);
        changedServices = List.copyOf(changedServices);
    }

    public boolean isEmpty() {
        return addedTasks.isEmpty() && removedTasks.isEmpty() && changedTasks.isEmpty() && addedServices.isEmpty()
                && removedServices.isEmpty() && changedServices.isEmpty();
    }

    public static FleetDiff between(FleetSnapshot before, FleetSnapshot after) {
        return between(before.sequence(), before.clusters(), after.sequence(), after.clusters());
    }

    public static FleetDiff between(long from, List<ClusterSnapshot> before, long to, List<ClusterSnapshot> after) {
        Map<String, ServiceSnapshot> oldServices = new HashMap<>();
        Map<String, TaskSnapshot> oldTasks = new HashMap<>();
        for (ClusterSnapshot c : before) {
            for (ServiceSnapshot s : c.services()) {
                oldServices.put(s.arn(), s);
                for (TaskSnapshot t : s.tasks()) oldTasks.put(t.arn(), t);
            }
        }
        List<TaskSnapshot> addedT = new ArrayList<>(), changedT = new ArrayList<>();
        List<ServiceSnapshot> addedS = new ArrayList<>(), changedS = new ArrayList<>();
        for (ClusterSnapshot c : after) {
            for (ServiceSnapshot s : c.services()) {
                ServiceSnapshot old = oldServices.remove(s.arn());
                if (old == null) addedS.add(s);
                else if (!old.sameStateAs(s)) changedS.add(s);
                for (TaskSnapshot t : s.tasks()) {
                    TaskSnapshot o = oldTasks.remove(t.arn());
                    if (o == null) addedT.add(t);
                    else if (!o.sameStateAs(t)) changedT.add(t);
                }
            }
        }
        return new FleetDiff(from, to, addedT, new ArrayList<>(oldTasks.keySet()), changedT, addedS,
                new ArrayList<>(oldServices.keySet()), changedS);
    }
}

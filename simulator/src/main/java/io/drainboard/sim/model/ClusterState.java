package io.drainboard.sim.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cluster and what lives in it. Mutable; guarded by the {@link FleetModel} lock. */
public final class ClusterState {
    final String name;
    final String arn;
    final Map<String, ServiceState> services = new LinkedHashMap<>();
    final Map<String, TaskState> tasks = new LinkedHashMap<>();
    final Map<String, ContainerInstanceState> instances = new LinkedHashMap<>();

    ClusterState(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    public String name() { return name; }
    public String arn() { return arn; }
    public Map<String, ServiceState> services() { return services; }
    public Map<String, TaskState> tasks() { return tasks; }
    public Map<String, ContainerInstanceState> instances() { return instances; }
}

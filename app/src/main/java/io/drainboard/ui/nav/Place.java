package io.drainboard.ui.nav;

/**
 * Where the operator is looking: the whole fleet (both null), a cluster (service null) or one service.
 */
public record Place(String cluster, String service) {
    public static final Place FLEET = new Place(null, null);

    public static Place cluster(String name) {
        return new Place(name, null);
    }

    public static Place service(String cluster, String service) {
        return new Place(cluster, service);
    }

    public boolean contains(String taskCluster, String taskService) {
        return (cluster == null || cluster.equals(taskCluster)) && (service == null || service.equals(taskService));
    }

    public boolean isService() {
        return service != null;
    }

    /** One level up: service → cluster → fleet. */
    public Place up() {
        return service != null ? cluster(cluster) : FLEET;
    }

    /** "voice-prod / support-agent", "voice-prod", "all clusters". */
    public String label() {
        if (cluster == null) return "all clusters";
        return service == null ? cluster : cluster + " / " + service;
    }
}

package io.drainboard.ui.nav;

import io.drainboard.aws.Regional;

/**
 * Where the operator is looking: the whole fleet (both null), a cluster (service null) or one service. A fleet of
 * several accounts and regions runs the same cluster names in each (voice-prod in us-east-1 and in eu-west-1), so a
 * cluster is named with where it runs: {@code where} is "region:account" from an ARN there (null: any, for a place
 * named by hand).
 */
public record Place(String cluster, String service, String where) {
    public static final Place FLEET = new Place(null, null, null);

    public static Place cluster(String name) {
        return new Place(name, null, null);
    }

    public static Place service(String cluster, String service) {
        return new Place(cluster, service, null);
    }

    /** The cluster of this name in the account and region of {@code arnThere} (the cluster's ARN, or a task's). */
    public static Place cluster(String name, String arnThere) {
        return new Place(name, null, whereOf(arnThere));
    }

    /** The service of these names in the account and region of {@code arnThere} (its ARN, its cluster's, a task's). */
    public static Place service(String cluster, String service, String arnThere) {
        return new Place(cluster, service, whereOf(arnThere));
    }

    /** "us-east-1:111111111111" for an ARN with a region and an account; null for anything else. */
    static String whereOf(String arn) {
        return Regional.Place.of(arn).map(p -> p.region() + ":" + p.account()).orElse(null);
    }

    /** Whether a task or service of these names, at the ARN given, is here. */
    public boolean contains(String taskCluster, String taskService, String arnThere) {
        return (cluster == null || cluster.equals(taskCluster)) && (service == null || service.equals(taskService))
                && here(arnThere);
    }

    /** Whether a cluster of this name and ARN is this place's (or holds it). */
    public boolean holdsCluster(String name, String arn) {
        return (cluster == null || cluster.equals(name)) && here(arn);
    }

    private boolean here(String arnThere) {
        return where == null || cluster == null || where.equals(whereOf(arnThere));
    }

    /** The same place by names alone (what a test or the palette names). */
    public Place named() {
        return new Place(cluster, service, null);
    }

    public boolean isService() {
        return service != null;
    }

    /** One level up: service → cluster → fleet. */
    public Place up() {
        return service != null ? new Place(cluster, null, where) : FLEET;
    }

    /** "voice-prod / support-agent", "voice-prod", "all clusters". */
    public String label() {
        if (cluster == null) return "all clusters";
        return service == null ? cluster : cluster + " / " + service;
    }
}

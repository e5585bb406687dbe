package io.drainboard.rollout;

/**
 * What a rollout deploys where: the service, the revision it runs now ({@code from}) and the one it is to
 * run ({@code to}), both as full ARNs with their family:revision labels.
 */
public record RolloutSpec(String cluster, String service, String serviceArn, String from, String fromLabel,
                          String to, String toLabel, RolloutSettings settings) {
    public String serviceKey() {
        return cluster + "/" + service;
    }
}

package io.drainboard.history;

/** A service history knows, by its ARN (its cluster and name are what operators call it). */
public record ServiceRef(long id, String arn, String region, String clusterName, String name) {
    public String key() {
        return clusterName + "/" + name;
    }
}

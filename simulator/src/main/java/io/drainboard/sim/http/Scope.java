package io.drainboard.sim.http;

/**
 * One AWS account in one region: the scope a request lands in, ECS state lives in and AWS throttles by
 * ("Request throttling for the Amazon ECS API": token buckets per account and Region).
 */
public record Scope(String account, String region) {
    @Override
    public String toString() {
        return account + "/" + region;
    }
}

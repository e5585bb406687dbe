package io.drainboard.fleet;

import java.time.Instant;

/** One line of a service's event log; DescribeServices gives the newest 100, newest first. */
public record ServiceEvent(String id, Instant createdAt, String message) {
}

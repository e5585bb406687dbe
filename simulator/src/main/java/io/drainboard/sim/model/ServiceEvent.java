package io.drainboard.sim.model;

import java.time.Instant;

/** One line of a service's event log, as DescribeServices returns it (newest first there). */
public record ServiceEvent(String id, Instant createdAt, String message) {
}

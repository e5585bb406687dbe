package io.drainboard.fleet;

import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;

/** A task as last described: the data, when, and in which refresh. */
record KnownTask(Task task, Instant describedAt, long refresh) {
}

package io.drainboard.calls;

import java.util.List;

/**
 * Something that can count live calls per task; reads never throw, failures come back in the reading.
 * A source that asks each task (worker endpoint, CloudWatch metric per task) says {@link #perTask()} and
 * is given the tasks to ask; LiveKit sees every call at once and needs no task list.
 */
public interface CallSource extends AutoCloseable {
    CallsReading read();

    /** True when {@link #read(List)} must be given the fleet's tasks. */
    default boolean perTask() {
        return false;
    }

    default CallsReading read(List<TaskAddress> tasks) {
        return read();
    }

    @Override
    default void close() {
    }
}

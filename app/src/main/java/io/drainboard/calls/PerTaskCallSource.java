package io.drainboard.calls;

import java.util.List;

/** A call source that asks about each task (worker endpoint, per-task metric): it must be given the tasks. */
public interface PerTaskCallSource extends CallSource {
    @Override
    CallsReading read(List<TaskAddress> tasks);

    @Override
    default boolean perTask() {
        return true;
    }

    /** Without the fleet's tasks there is no one to ask. */
    @Override
    default CallsReading read() {
        return read(List.of());
    }
}

package io.drainboard.calls;

/** Something that can count live calls per task; reads never throw, failures come back in the reading. */
public interface CallSource extends AutoCloseable {
    CallsReading read();

    @Override
    default void close() {
    }
}

package io.drainboard.history;

/**
 * Which series a blob holds. Live series are change-only (a point when the value changes, and the first of
 * each hour and of each session); backfilled series hold every CloudWatch datapoint (one a minute).
 */
enum SeriesKind {
    SERVICE_CALLS(1), TASK_CALLS(2), SERVICE_CALLS_BACKFILLED(3), TASK_CALLS_BACKFILLED(4);

    final int code;

    SeriesKind(int code) {
        this.code = code;
    }
}

package io.drainboard.history;

import java.time.Instant;

/** One point of a calls series: from {@code at} on the value was {@code calls}; -1 means not known then. */
public record SeriesPoint(Instant at, int calls) {
    public static final int UNKNOWN = -1;

    public boolean known() {
        return calls >= 0;
    }
}

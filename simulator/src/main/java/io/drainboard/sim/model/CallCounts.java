package io.drainboard.sim.model;

/** Ground truth about calls for one task, one service or the whole fleet. */
public record CallCounts(long started, long endedNormally, long cutBySigkill, long cutBySecondSignal,
                         long cutByInstanceTermination, long cutByDrainTimeout, long cutByRoomClosed) {
    public static final CallCounts NONE = new CallCounts(0, 0, 0, 0, 0, 0, 0);

    /** Every call that ended before the caller hung up. */
    public long cut() {
        return cutBySigkill + cutBySecondSignal + cutByInstanceTermination + cutByDrainTimeout + cutByRoomClosed;
    }
}

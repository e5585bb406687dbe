package io.drainboard.sim.model;

/** Mutable call counters behind {@link CallCounts}; guarded by the {@link FleetModel} lock. */
final class CallLedger {
    long started, endedNormally, cutBySigkill, cutBySecondSignal, cutByInstanceTermination, cutByDrainTimeout, cutByRoomClosed;

    void cut(CutCause cause, long n) {
        switch (cause) {
            case SIGKILL -> cutBySigkill += n;
            case SECOND_SIGNAL -> cutBySecondSignal += n;
            case INSTANCE_TERMINATION -> cutByInstanceTermination += n;
            case DRAIN_TIMEOUT -> cutByDrainTimeout += n;
            case ROOM_CLOSED -> cutByRoomClosed += n;
        }
    }

    long cut() {
        return cutBySigkill + cutBySecondSignal + cutByInstanceTermination + cutByDrainTimeout + cutByRoomClosed;
    }

    /** Starts counting afresh; calls still live count as started. */
    void reset(long live) {
        started = live;
        endedNormally = cutBySigkill = cutBySecondSignal = cutByInstanceTermination = cutByDrainTimeout = cutByRoomClosed = 0;
    }

    CallCounts snapshot() {
        return new CallCounts(started, endedNormally, cutBySigkill, cutBySecondSignal, cutByInstanceTermination,
                cutByDrainTimeout, cutByRoomClosed);
    }
}

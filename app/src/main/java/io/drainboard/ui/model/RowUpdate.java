package io.drainboard.ui.model;

import io.drainboard.calls.ActiveCall;
import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.ProtectionHolder;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * Everything one row shows, worked out off the FX thread; the FX thread only writes it into the row.
 */
public record RowUpdate(TaskSnapshot task, Revision revision, CallLoad calls, KillOutlook kill,
                        ProtectionHolder holder) {
    public RowUpdate(TaskSnapshot task, Revision revision, CallLoad calls, KillOutlook kill) {
        this(task, revision, calls, kill, null);
    }

    /**
     * Works out one row; pure, so it runs on the refresher's thread. The calls' starts come from the task's own
     * calls, as the snapshot joined them.
     *
     * @param peak   the most calls a task of this service had this session (the load bar's full width)
     * @param holder who holds the task's protection (null: not worked out)
     */
    public static RowUpdate of(TaskSnapshot t, ServiceSnapshot svc, int peak, CallSurvival curve, ProtectionHolder holder) {
        List<Instant> starts = t.calls().calls().stream().map(ActiveCall::startedAt).toList();
        StopStage stage = StopStage.of(t);
        return new RowUpdate(t, Revision.of(t, svc),
                new CallLoad(t.calls(), starts, Math.max(1, peak), "the busiest task of this service this session"),
                stage == StopStage.SERVING ? KillOutlook.NONE
                        : new KillOutlook(stage, t.kill(), t.stopTimeout().seconds(), starts, curve), holder);
    }
}

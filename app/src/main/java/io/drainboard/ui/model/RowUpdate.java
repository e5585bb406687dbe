package io.drainboard.ui.model;

import io.drainboard.fleet.TaskSnapshot;

/**
 * Everything one row shows, worked out off the FX thread; the FX thread only writes it into the row.
 */
public record RowUpdate(TaskSnapshot task, Revision revision, CallLoad calls, KillOutlook kill,
                        io.drainboard.drain.ProtectionHolder holder) {
    public RowUpdate(TaskSnapshot task, Revision revision, CallLoad calls, KillOutlook kill) {
        this(task, revision, calls, kill, null);
    }
}

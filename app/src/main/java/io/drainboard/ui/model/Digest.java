package io.drainboard.ui.model;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.model.RowUpdate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One refresh worked out off the FX thread: the rows that changed (all of them when {@code allRows}),
 * the tasks gone, each service's readiness warnings and live calls (by service ARN), and what happened.
 * The FX thread only writes it into the view.
 */
public record Digest(FleetSnapshot snapshot, List<RowUpdate> rows, Set<String> removed, boolean allRows,
              Map<String, List<Readiness.Warning>> readiness, Map<String, Integer> calls, List<Activity> activities) {

    /**
     * A service's live calls, summed here rather than on the FX thread: at 50,000 tasks the panes' sums read every
     * task of the snapshot in every refresh (docs/benchmarks.md, "UI: 50,000 live rows").
     */
    public int calls(ServiceSnapshot svc) {
        Integer n = calls.get(svc.arn());
        return n == null ? svc.calls() : n;
    }
}

package io.drainboard.ui.model;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.model.Readiness;
import io.drainboard.ui.model.RowUpdate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One refresh worked out off the FX thread: the rows that changed (all of them when {@code allRows}),
 * the tasks gone, each service's readiness warnings, and what happened. The FX thread only writes it
 * into the view.
 */
public record Digest(FleetSnapshot snapshot, List<RowUpdate> rows, Set<String> removed, boolean allRows,
              Map<String, List<Readiness.Warning>> readiness, List<Activity> activities) {
}

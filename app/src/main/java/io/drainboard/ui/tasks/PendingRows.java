package io.drainboard.ui.tasks;

import io.drainboard.ui.model.RowUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Row changes waiting for the next FX pulse: the latest update per task (latest wins, as in Phoebus's
 * throttle) and the tasks that went away. Written by the refresher's thread, drained by the FX thread.
 */
public final class PendingRows {
    /** One pulse's worth of changes. */
    public record Batch(List<RowUpdate> upserts, Set<String> removed, boolean reset) {
        public boolean isEmpty() {
            return upserts.isEmpty() && removed.isEmpty() && !reset;
        }
    }

    private Map<String, RowUpdate> upserts = new LinkedHashMap<>();
    private Set<String> removed = new HashSet<>();
    private boolean reset;

    /** @param all true when {@code ups} is the whole fleet: rows not in it are dropped */
    public synchronized void add(Collection<RowUpdate> ups, Collection<String> gone, boolean all) {
        if (all) {
            upserts.clear();
            removed.clear();
            reset = true;
        }
        for (String arn : gone) {
            upserts.remove(arn);
            removed.add(arn);
        }
        for (RowUpdate u : ups) {
            removed.remove(u.task().arn());
            upserts.put(u.task().arn(), u);
        }
    }

    /** At most {@code max} upserts (the oldest first) and every removal; the other upserts stay for a later take. */
    public synchronized Batch take(int max) {
        if (upserts.size() <= max) return take();
        List<RowUpdate> first = new ArrayList<>(max);
        java.util.Iterator<RowUpdate> it = upserts.values().iterator();
        while (first.size() < max) {
            first.add(it.next());
            it.remove();
        }
        Batch b = new Batch(first, removed, reset);
        removed = new HashSet<>();
        reset = false;
        return b;
    }

    /** Upserts waiting. */
    public synchronized int size() {
        return upserts.size();
    }

    public synchronized Batch take() {
        Batch b = new Batch(new ArrayList<>(upserts.values()), removed, reset);
        upserts = new LinkedHashMap<>();
        removed = new HashSet<>();
        reset = false;
        return b;
    }
}

package io.drainboard.history;

import io.drainboard.stops.CallSample;

import io.drainboard.calls.ActiveCall;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns each snapshot into rows, writing only what changed since the previous one: the service's and each
 * task's call count (hourly change-only series), task status and protection changes, calls opening and
 * closing (LiveKit), new service events, changed deployments and counts, and each stop once, with the calls
 * it took ({@link StopWriter}). Runs on the writer thread only.
 */
final class Recording {
    /** A task not seen for this long is forgotten (its rows stay). */
    private static final Duration FORGET_AFTER = Duration.ofHours(3);

    private final Ids ids = new Ids();
    private final Map<String, TaskMemory> tasks = new HashMap<>();
    /** Stopped tasks (still listed by ECS) whose stop an earlier session wrote: not looked up again. */
    private final Set<String> stoppedEarlier = new HashSet<>();
    private final ServiceRecorder services = new ServiceRecorder();
    private final Coverage coverage;
    private Instant lastSweep = Instant.EPOCH;
    private volatile Instant sessionStart;

    Recording(Coverage coverage) {
        this.coverage = coverage;
    }

    void record(FleetSnapshot s, Tx tx) throws SQLException {
        Instant at = s.takenAt();
        if (sessionStart == null) sessionStart = at;
        for (ClusterSnapshot c : s.clusters()) {
            boolean current = c.error().isEmpty();
            if (current) coverage.live(tx, c.arn().isEmpty() ? c.name() : c.arn(), at);
            for (ServiceSnapshot svc : c.services()) {
                long sid = ids.service(tx, svc.arn(), c.region().isEmpty() ? s.region() : c.region(), svc.clusterName(), svc.name());
                if (!current) { // last known data of a failing cluster: a gap, not a flat line
                    tx.series.add(tx.connection, SeriesKind.SERVICE_CALLS, sid, at, SeriesPoint.UNKNOWN);
                    continue;
                }
                tx.series.add(tx.connection, SeriesKind.SERVICE_CALLS, sid, at, total(svc));
                services.record(tx, sid, svc, at, sessionStart);
                for (TaskSnapshot t : svc.tasks()) task(tx, sid, t, at);
                for (TaskSnapshot t : svc.recentlyStopped()) task(tx, sid, t, at);
            }
        }
        if (Duration.between(lastSweep, at).toMinutes() >= 10) sweep(tx, at);
    }

    /** When this session's first snapshot was taken (empty before it). */
    java.util.Optional<Instant> sessionStart() {
        return java.util.Optional.ofNullable(sessionStart);
    }

    Ids ids() {
        return ids;
    }

    ServiceRecorder services() {
        return services;
    }

    /** The service's calls: the sum of the counts known now; unknown if no task's count is known. */
    static int total(ServiceSnapshot svc) {
        int sum = 0;
        boolean any = false;
        for (TaskSnapshot t : svc.tasks()) {
            if (t.calls().known()) {
                sum += t.calls().count();
                any = true;
            }
        }
        return any || svc.tasks().isEmpty() ? sum : SeriesPoint.UNKNOWN;
    }

    private void task(Tx tx, long sid, TaskSnapshot t, Instant at) throws SQLException {
        TaskMemory m = tasks.get(t.arn());
        if (m == null) {
            if (stoppedEarlier.contains(t.arn())) return;
            if ("STOPPED".equals(t.lastStatus()) && StopWriter.recorded(tx, t.arn())) { // by an earlier session
                stoppedEarlier.add(t.arn());
                return;
            }
            long id = ids.task(tx, t.arn(), sid, t.revisionLabel(), t.launchType(), t.availabilityZone(), t.startedBy(),
                    t.startedAt(), at);
            m = new TaskMemory(id, at);
            tasks.put(t.arn(), m);
        }
        m.lastSeen = at;
        if (m.stopRecorded) return;
        status(tx, m, t, at);
        boolean stopped = "STOPPED".equals(t.lastStatus());
        if (!stopped) {
            calls(tx, m, t, at);
            m.watch.saw(t, at);
        } else {
            StopWriter.live(tx, m, sid, t, at);
            m.stopRecorded = true;
        }
        if (Duration.between(m.lastSeenWritten, at).toMinutes() >= 10) {
            tx.exec("UPDATE tasks SET last_seen = ? WHERE id = ?", at.toEpochMilli(), m.id);
            m.lastSeenWritten = at;
        }
    }

    private static void status(Tx tx, TaskMemory m, TaskSnapshot t, Instant at) throws SQLException {
        if (!t.lastStatus().equals(m.lastStatus) || !t.desiredStatus().equals(m.desiredStatus)
                || !String.valueOf(t.healthStatus()).equals(m.health)) {
            tx.exec("INSERT OR REPLACE INTO task_status(task, at, last_status, desired_status, health) VALUES (?, ?, ?, ?, ?)",
                    m.id, at.toEpochMilli(), t.lastStatus(), t.desiredStatus(), t.healthStatus());
            m.lastStatus = t.lastStatus();
            m.desiredStatus = t.desiredStatus();
            m.health = String.valueOf(t.healthStatus());
        }
        if (t.startedAt().isPresent() && m.startedAt.isEmpty()) {
            tx.exec("UPDATE tasks SET started_at = ? WHERE id = ?", t.startedAt().get().toEpochMilli(), m.id);
            m.startedAt = t.startedAt();
        }
        if (t.protection().state() != io.drainboard.fleet.Protection.State.UNKNOWN && !t.protection().equals(m.protection)) {
            tx.exec("INSERT OR REPLACE INTO protection_changes(task, at, state, expires_at) VALUES (?, ?, ?, ?)", m.id,
                    at.toEpochMilli(), t.protection().state().name(),
                    t.protection().expiresAt().map(Instant::toEpochMilli).orElse(null));
            m.protection = t.protection();
        }
    }

    /** The task's count (series), its reading (kept while stopping) and LiveKit calls opening and closing. */
    private static void calls(Tx tx, TaskMemory m, TaskSnapshot t, Instant at) throws SQLException {
        boolean current = t.calls().known() && !t.calls().stale();
        Instant seen = current ? t.calls().observedAt() : at;
        tx.series.add(tx.connection, SeriesKind.TASK_CALLS, m.id, seen, current ? t.calls().count() : SeriesPoint.UNKNOWN);
        if (!current) return;
        List<ActiveCall> now = t.calls().calls();
        if (now.equals(m.calls)) return;
        Set<String> after = new HashSet<>();
        for (ActiveCall c : now) {
            after.add(c.room());
            if (!m.openCalls.containsKey(c.room())) m.openCalls.put(c.room(), insertCall(tx, m, c, seen));
        }
        for (java.util.Iterator<Map.Entry<String, Long>> it = m.openCalls.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (after.contains(e.getKey())) continue;
            // Gone between the previous reading and this one; last_seen says how early it may have ended.
            tx.exec("UPDATE calls SET ended_at = ?, last_seen = ? WHERE id = ?", seen.toEpochMilli(),
                    previous(m, seen).toEpochMilli(), e.getValue());
            it.remove();
        }
        m.calls = now;
        m.firstReading = false;
    }

    /**
     * The call's row id. A task first seen in this session may have rows from an earlier one (the console was
     * restarted during the call): those are looked up; after that, every new room is a new row.
     */
    private static long insertCall(Tx tx, TaskMemory m, ActiveCall c, Instant seen) throws SQLException {
        if (m.firstReading) {
            java.sql.PreparedStatement ps = tx.sql("SELECT id FROM calls WHERE task = ? AND room = ?");
            ps.setLong(1, m.id);
            ps.setString(2, c.room());
            try (java.sql.ResultSet r = ps.executeQuery()) {
                if (r.next()) return r.getLong(1);
            }
        }
        tx.exec("INSERT INTO calls(task, room, started_at, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
                m.id, c.room(), c.startedAt() == null ? null : c.startedAt().toEpochMilli(), seen.toEpochMilli(),
                seen.toEpochMilli());
        try (java.sql.ResultSet r = tx.sql("SELECT last_insert_rowid()").executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Instant previous(TaskMemory m, Instant seen) {
        Instant prev = seen;
        for (CallSample s : m.watch.samples()) if (s.at().isBefore(seen)) prev = s.at();
        return prev;
    }

    private void sweep(Tx tx, Instant at) throws SQLException {
        lastSweep = at;
        if (stoppedEarlier.size() > 10_000) stoppedEarlier.clear(); // ECS lists a stopped task about an hour
        for (Iterator<Map.Entry<String, TaskMemory>> it = tasks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TaskMemory> e = it.next();
            TaskMemory m = e.getValue();
            if (Duration.between(m.lastSeen, at).compareTo(FORGET_AFTER) > 0) {
                tx.exec("UPDATE tasks SET last_seen = ? WHERE id = ?", m.lastSeen.toEpochMilli(), m.id);
                ids.forgetTask(e.getKey());
                it.remove();
            }
        }
    }
}

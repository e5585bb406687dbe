package io.drainboard.history;

import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.ServiceEvent;
import io.drainboard.fleet.ServiceSnapshot;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per service: new ECS events (DescribeServices gives the newest 100, so each is written once by id),
 * deployments when they change, and desired/running/pending when they change (scale events). Writer thread only.
 */
final class ServiceRecorder {
    private final Map<Long, Set<String>> eventsSeen = new HashMap<>();
    private final Map<Long, Map<String, DeploymentSnapshot>> deployments = new HashMap<>();
    private final Map<Long, List<Integer>> counts = new HashMap<>();

    /** @param sessionStart events and deployments older than this were not watched live: marked backfilled */
    void record(Tx tx, long sid, ServiceSnapshot s, Instant at, Instant sessionStart) throws SQLException {
        events(tx, sid, s.events(), sessionStart);
        Map<String, DeploymentSnapshot> known = deployments.computeIfAbsent(sid, k -> new HashMap<>());
        for (DeploymentSnapshot d : s.deployments()) {
            if (!d.equals(known.get(d.id()))) {
                deployment(tx, sid, d, at, d.createdAt() != null && d.createdAt().isBefore(sessionStart));
                known.put(d.id(), d);
            }
        }
        List<Integer> c = List.of(s.desiredCount(), s.runningCount(), s.pendingCount());
        if (!c.equals(counts.get(sid))) {
            tx.exec("INSERT OR REPLACE INTO service_counts(service, at, desired, running, pending) VALUES (?, ?, ?, ?, ?)",
                    sid, at.toEpochMilli(), c.get(0), c.get(1), c.get(2));
            counts.put(sid, c);
        }
    }

    void clear() {
        eventsSeen.clear();
        deployments.clear();
        counts.clear();
    }

    void events(Tx tx, long sid, List<ServiceEvent> events, Instant backfilledBefore) throws SQLException {
        Set<String> seen = eventsSeen.computeIfAbsent(sid, k -> new HashSet<>());
        for (ServiceEvent e : events) {
            if (!seen.add(e.id())) continue;
            tx.exec("INSERT OR IGNORE INTO events(service, event_id, at, message, backfilled) VALUES (?, ?, ?, ?, ?)",
                    sid, e.id(), e.createdAt().toEpochMilli(), e.message(), e.createdAt().isBefore(backfilledBefore) ? 1 : 0);
        }
        if (seen.size() > 1000) seen.clear(); // ids only guard against rewriting; INSERT OR IGNORE keeps it correct
    }

    static void deployment(Tx tx, long sid, DeploymentSnapshot d, Instant at, boolean backfilled) throws SQLException {
        tx.exec("INSERT INTO deployments(service, deployment_id, task_definition, status, rollout_state, reason, desired,"
                        + " created_at, updated_at, last_seen, backfilled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT(service, deployment_id) DO UPDATE SET status = excluded.status,"
                        + " rollout_state = excluded.rollout_state, reason = excluded.reason, desired = excluded.desired,"
                        + " updated_at = excluded.updated_at, last_seen = excluded.last_seen",
                sid, d.id(), d.taskDefinitionArn(), d.status(), Objects.toString(d.rolloutState(), null),
                d.rolloutStateReason().orElse(null), d.desiredCount(), d.createdAt() == null ? null : d.createdAt().toEpochMilli(),
                d.updatedAt().map(Instant::toEpochMilli).orElse(null), at.toEpochMilli(), backfilled ? 1 : 0);
    }
}

package io.drainboard.history;

import io.drainboard.stops.StopCause;
import io.drainboard.stops.CallsAtKill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads history on the query connection (never the writer's; WAL lets both run at once). Each method holds
 * the connection's monitor for its duration; callers run it off the FX thread.
 */
final class HistoryQueries {
    private static final String STOP_COLUMNS = "SELECT t.arn, t.revision, t.launch_type, t.az, t.started_by,"
            + " s.stopping_at, s.kill_at, s.stopped_at, s.stop_code, s.stopped_reason, s.exit_code, s.cause,"
            + " s.calls_seen, s.calls_seen_at, s.calls_lower, s.calls_source, s.calls_vanished, s.backfilled,"
            + " v.cluster, v.name FROM stops s JOIN tasks t ON t.id = s.task JOIN services v ON v.id = s.service";

    private final Connection c;

    HistoryQueries(Connection c) {
        this.c = c;
    }

    List<ServiceRef> services() throws SQLException {
        synchronized (c) {
            List<ServiceRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, arn, region, cluster, name FROM services"
                    + " ORDER BY cluster, name"); ResultSet r = ps.executeQuery()) {
                while (r.next()) out.add(new ServiceRef(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5)));
            }
            return out;
        }
    }

    /** Stops in [from, to] (by stop time), newest first; one service or all. */
    List<StopRecord> stops(Instant from, Instant to, Optional<ServiceRef> service) throws SQLException {
        synchronized (c) {
            String sql = STOP_COLUMNS + " WHERE s.stopped_at BETWEEN ? AND ?"
                    + (service.isPresent() ? " AND s.service = ?" : "") + " ORDER BY s.stopped_at DESC";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                if (service.isPresent()) ps.setLong(3, service.get().id());
                return readStops(ps);
            }
        }
    }

    Timeline timeline(ServiceRef s, Instant from, Instant to) throws SQLException {
        synchronized (c) {
            return new Timeline(s, from, to, series(SeriesKind.SERVICE_CALLS, s.id(), from, to), watched(s, from, to),
                    series(SeriesKind.SERVICE_CALLS_BACKFILLED, s.id(), from, to), deployments(s, from, to),
                    counts(s, from, to), stops(from, to, Optional.of(s)), events(s, from, to), protection(s, from, to),
                    actions(s, from, to));
        }
    }

    /** One task's calls series (live, else backfilled) over [from, to]. */
    List<SeriesPoint> taskSeries(String taskArn, Instant from, Instant to) throws SQLException {
        synchronized (c) {
            Optional<Long> id = taskId(taskArn);
            if (id.isEmpty()) return List.of();
            List<SeriesPoint> live = series(SeriesKind.TASK_CALLS, id.get(), from, to);
            return live.isEmpty() ? series(SeriesKind.TASK_CALLS_BACKFILLED, id.get(), from, to) : live;
        }
    }

    List<TimelineParts.Call> calls(String taskArn) throws SQLException {
        synchronized (c) {
            List<TimelineParts.Call> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT k.room, k.started_at, k.last_seen, k.ended_at, k.cut"
                    + " FROM calls k JOIN tasks t ON t.id = k.task WHERE t.arn = ? ORDER BY k.first_seen")) {
                ps.setString(1, taskArn);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) out.add(new TimelineParts.Call(r.getString(1), taskArn, instant(r, 2),
                            Instant.ofEpochMilli(r.getLong(3)), instant(r, 4), r.getInt(5) == 1));
                }
            }
            return out;
        }
    }

    private Optional<Long> taskId(String arn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tasks WHERE arn = ?")) {
            ps.setString(1, arn);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Points in [from, to], plus the last one before {@code from} (its value holds at {@code from}). */
    private List<SeriesPoint> series(SeriesKind kind, long key, Instant from, Instant to) throws SQLException {
        List<SeriesPoint> out = new ArrayList<>();
        SeriesPoint before = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, data FROM series WHERE kind = ? AND key = ?"
                + " AND hour BETWEEN ? AND ? ORDER BY hour")) {
            ps.setInt(1, kind.code);
            ps.setLong(2, key);
            ps.setLong(3, SeriesCodec.hourOf(from) - 1);
            ps.setLong(4, SeriesCodec.hourOf(to));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    for (SeriesPoint p : SeriesCodec.decode(r.getLong(1), r.getBytes(2))) {
                        if (p.at().isBefore(from)) before = p;
                        else if (!p.at().isAfter(to)) out.add(p);
                    }
                }
            }
        }
        if (before != null) out.add(0, new SeriesPoint(from, before.calls()));
        return out;
    }

    private List<TimelineParts.Span> watched(ServiceRef s, Instant from, Instant to) throws SQLException {
        List<TimelineParts.Span> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT from_at, to_at FROM coverage WHERE source = 'live'"
                + " AND (scope = ? OR scope = ?) AND to_at >= ? AND from_at <= ? ORDER BY from_at")) {
            ps.setString(1, clusterArn(s));
            ps.setString(2, s.clusterName());
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) out.add(new TimelineParts.Span(Instant.ofEpochMilli(r.getLong(1)),
                        Instant.ofEpochMilli(r.getLong(2))));
            }
        }
        return out;
    }

    /** arn:aws:ecs:region:account:service/cluster/name → arn:aws:ecs:region:account:cluster/cluster. */
    static String clusterArn(ServiceRef s) {
        int i = s.arn().indexOf(":service/");
        return i < 0 ? s.clusterName() : s.arn().substring(0, i) + ":cluster/" + s.clusterName();
    }

    private List<TimelineParts.Deployment> deployments(ServiceRef s, Instant from, Instant to) throws SQLException {
        List<TimelineParts.Deployment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT deployment_id, task_definition, status, rollout_state,"
                + " reason, created_at, updated_at, last_seen, backfilled FROM deployments WHERE service = ?"
                + " AND created_at <= ? AND coalesce(last_seen, created_at) >= ? ORDER BY created_at")) {
            ps.setLong(1, s.id());
            ps.setLong(2, to.toEpochMilli());
            ps.setLong(3, from.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    String rollout = r.getString(4);
                    boolean finished = "COMPLETED".equals(rollout) || "FAILED".equals(rollout)
                            || "INACTIVE".equals(r.getString(3));
                    // A finished rollout ends when ECS last updated it; an older deployment that is still ACTIVE
                    // ends when it was last seen; only the PRIMARY one in progress is open.
                    Optional<Instant> end = finished ? instant(r, 7).or(() -> instantOpt(r, 8))
                            : "PRIMARY".equals(r.getString(3)) ? Optional.empty() : instant(r, 8);
                    out.add(new TimelineParts.Deployment(r.getString(1), r.getString(2), r.getString(3), rollout,
                            r.getString(5), Instant.ofEpochMilli(r.getLong(6)), end, r.getInt(9) == 1));
                }
            }
        }
        return out;
    }

    private List<TimelineParts.Counts> counts(ServiceRef s, Instant from, Instant to) throws SQLException {
        List<TimelineParts.Counts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, desired, running, pending FROM service_counts"
                + " WHERE service = ? AND at <= ? AND at >= coalesce((SELECT max(at) FROM service_counts WHERE service = ?"
                + " AND at <= ?), 0) ORDER BY at")) {
            ps.setLong(1, s.id());
            ps.setLong(2, to.toEpochMilli());
            ps.setLong(3, s.id());
            ps.setLong(4, from.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) out.add(new TimelineParts.Counts(Instant.ofEpochMilli(r.getLong(1)), r.getInt(2),
                        r.getInt(3), r.getInt(4)));
            }
        }
        return out;
    }

    private List<TimelineParts.Event> events(ServiceRef s, Instant from, Instant to) throws SQLException {
        List<TimelineParts.Event> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, message, backfilled FROM events WHERE service = ?"
                + " AND at BETWEEN ? AND ? ORDER BY at")) {
            ps.setLong(1, s.id());
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) out.add(new TimelineParts.Event(Instant.ofEpochMilli(r.getLong(1)), r.getString(2),
                        r.getInt(3) == 1));
            }
        }
        return out;
    }

    private List<TimelineParts.ProtectionChange> protection(ServiceRef s, Instant from, Instant to) throws SQLException {
        List<TimelineParts.ProtectionChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.at, t.arn, p.state, p.expires_at FROM protection_changes p"
                + " JOIN tasks t ON t.id = p.task WHERE t.service = ? AND p.at BETWEEN ? AND ? ORDER BY p.at")) {
            ps.setLong(1, s.id());
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) out.add(new TimelineParts.ProtectionChange(Instant.ofEpochMilli(r.getLong(1)),
                        r.getString(2), r.getString(3), instant(r, 4)));
            }
        }
        return out;
    }

    /** Audit entries that name the service, its ARN or one of its tasks; intent and result joined by id. */
    private List<TimelineParts.Action> actions(ServiceRef s, Instant from, Instant to) throws SQLException {
        Set<String> names = new HashSet<>(List.of(s.arn(), s.name(), s.key()));
        try (PreparedStatement ps = c.prepareStatement("SELECT arn FROM tasks WHERE service = ? AND last_seen >= ?"
                + " AND first_seen <= ?")) {
            ps.setLong(1, s.id());
            ps.setLong(2, from.toEpochMilli() - 86_400_000L);
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) names.add(r.getString(1));
            }
        }
        Map<String, TimelineParts.Action> byId = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, phase, at, operator, action, targets, reason,"
                + " outcome FROM audit WHERE at BETWEEN ? AND ? ORDER BY at")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    List<String> targets = r.getString(6) == null || r.getString(6).isEmpty() ? List.of()
                            : Arrays.asList(r.getString(6).split("\n"));
                    if (targets.stream().noneMatch(names::contains)) continue;
                    String id = r.getString(1);
                    TimelineParts.Action a = byId.get(id);
                    if (a == null) {
                        order.add(id);
                        byId.put(id, new TimelineParts.Action(id, Instant.ofEpochMilli(r.getLong(3)), r.getString(4),
                                r.getString(5), targets, r.getString(7), r.getString(8) == null ? "pending" : r.getString(8)));
                    } else if (r.getString(8) != null) {
                        byId.put(id, new TimelineParts.Action(id, a.at(), a.operator(), a.action(), a.targets(), a.reason(),
                                r.getString(8)));
                    }
                }
            }
        }
        return order.stream().map(byId::get).toList();
    }

    private List<StopRecord> readStops(PreparedStatement ps) throws SQLException {
        List<StopRecord> out = new ArrayList<>();
        try (ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                String arn = r.getString(1);
                Optional<Integer> exit = r.getObject(11) == null ? Optional.empty() : Optional.of(r.getInt(11));
                OptionalInt seen = r.getObject(13) == null ? OptionalInt.empty() : OptionalInt.of(r.getInt(13));
                String vanished = r.getString(17);
                CallsAtKill calls = new CallsAtKill(seen, instant(r, 14), r.getInt(15), str(r, 16).orElse(""),
                        vanished == null ? List.of() : Arrays.asList(vanished.split("\n")));
                out.add(new StopRecord(arn, arn.substring(arn.lastIndexOf('/') + 1), r.getString(19), r.getString(20),
                        r.getString(2), r.getString(3), r.getString(4), str(r, 5), instant(r, 6), instant(r, 7),
                        Instant.ofEpochMilli(r.getLong(8)), str(r, 9), str(r, 10), exit, cause(r.getString(12)), calls,
                        r.getInt(18) == 1));
            }
        }
        return out;
    }

    private static StopCause cause(String s) {
        try {
            return StopCause.valueOf(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            return StopCause.UNKNOWN;
        }
    }

    private static Optional<String> str(ResultSet r, int i) throws SQLException {
        return Optional.ofNullable(r.getString(i));
    }

    private static Optional<Instant> instant(ResultSet r, int i) throws SQLException {
        long v = r.getLong(i);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static Optional<Instant> instantOpt(ResultSet r, int i) {
        try {
            return instant(r, i);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}

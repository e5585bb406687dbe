package io.drainboard.history;

import io.drainboard.stops.StopCause;
import io.drainboard.stops.CallsAtKill;
import io.drainboard.stops.ObservedStop;

import io.drainboard.fleet.KillClock;
import io.drainboard.fleet.TaskSnapshot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a task's stop once: what ECS says about it, its cause and the calls it took. A stop watched live
 * takes its calls from the readings before the kill; one the console did not watch is written with the calls
 * unknown and filled in by backfill (CloudWatch). The first known count wins: backfill never replaces a
 * live one.
 */
final class StopWriter {
    private static final String UPSERT = "INSERT INTO stops(task, service, stopping_at, kill_at, stopped_at, stop_code,"
            + " stopped_reason, exit_code, cause, calls_seen, calls_seen_at, calls_lower, calls_source, calls_vanished,"
            + " backfilled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(task) DO UPDATE SET"
            + " kill_at = coalesce(stops.kill_at, excluded.kill_at),"
            + " stopping_at = coalesce(stops.stopping_at, excluded.stopping_at),"
            + " calls_seen = coalesce(stops.calls_seen, excluded.calls_seen),"
            + " calls_seen_at = CASE WHEN stops.calls_seen IS NULL THEN excluded.calls_seen_at ELSE stops.calls_seen_at END,"
            + " calls_lower = max(stops.calls_lower, excluded.calls_lower),"
            + " calls_source = CASE WHEN stops.calls_seen IS NULL THEN excluded.calls_source ELSE stops.calls_source END,"
            + " calls_vanished = coalesce(stops.calls_vanished, excluded.calls_vanished),"
            + " backfilled = CASE WHEN stops.calls_seen IS NULL THEN excluded.backfilled ELSE stops.backfilled END";

    private StopWriter() {
    }

    static boolean recorded(Tx tx, String taskArn) throws SQLException {
        PreparedStatement ps = tx.sql("SELECT 1 FROM stops s JOIN tasks t ON t.id = s.task WHERE t.arn = ?");
        ps.setString(1, taskArn);
        try (ResultSet r = ps.executeQuery()) {
            return r.next();
        }
    }

    /** A stop seen by the live recorder; its calls come from the readings it kept while ECS was stopping the task. */
    static void live(Tx tx, TaskMemory m, long sid, TaskSnapshot t, Instant at) throws SQLException {
        ObservedStop o = m.watch.stopped(t, at);
        write(tx, m.id, sid, o.stoppingAt(), o.killAt(), o.stoppedAt(), o.stopCode(), o.stoppedReason(), o.exitCode(),
                o.cause(), o.calls(), !o.watched()); // first seen already stopped: not watched live
        if (o.verdict().killed() && !o.calls().rooms().isEmpty()) {
            Instant latest = m.watch.kill().map(KillClock::latestSigkill).filter(k -> k.isBefore(o.stoppedAt()))
                    .orElse(o.stoppedAt());
            for (String room : o.calls().rooms()) {
                tx.exec("UPDATE calls SET cut = 1, ended_at = ? WHERE task = ? AND room = ?", // it ended at the kill
                        o.killAt().orElse(latest).toEpochMilli(), m.id, room);
            }
        }
    }

    static void write(Tx tx, long task, long sid, Optional<Instant> stoppingAt, Optional<Instant> killAt,
                      Instant stoppedAt, Optional<String> stopCode, Optional<String> reason, Optional<Integer> exit,
                      StopCause cause, CallsAtKill calls, boolean backfilled) throws SQLException {
        tx.exec(UPSERT, task, sid, millis(stoppingAt), millis(killAt), stoppedAt.toEpochMilli(), stopCode.orElse(null),
                reason.orElse(null), exit.orElse(null), cause.name(),
                calls.seen().isPresent() ? calls.seen().getAsInt() : null, millis(calls.seenAt()), calls.lower(),
                calls.known() ? calls.source() : null, calls.rooms().isEmpty() ? null : String.join("\n", calls.rooms()),
                backfilled ? 1 : 0);
    }

    private static Long millis(Optional<Instant> t) {
        return t.map(Instant::toEpochMilli).orElse(null);
    }
}

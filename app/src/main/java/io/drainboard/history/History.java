package io.drainboard.history;

import io.drainboard.audit.AuditEntry;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.calls.CloudWatchCalls;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The history store: records every snapshot (off the refresh thread), answers the timeline and stops
 * queries, and takes backfill. Opening never throws: when the file cannot be used, history is off with a
 * message saying why and what to do, and everything else keeps working ({@link #status()}).
 *
 * <pre>
 * History history = History.open(DataDirectory.resolve(), clock);
 * refresher.addListener(history.recorder());
 * </pre>
 */
public final class History implements AutoCloseable {
    public static final String FILE_NAME = "history.db";
    private static final Logger LOG = Logger.getLogger(History.class.getName());
    private static final Duration AUDIT_EVERY = Duration.ofMinutes(1);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);

    /** RECORDING: this console writes; READ_ONLY: another one does, this one reads; OFF: no history. */
    public enum State { RECORDING, READ_ONLY, OFF }

    public record Status(State state, String message) {
        public boolean available() {
            return state != State.OFF;
        }
    }

    private final Optional<HistoryDatabase> db;
    private final Optional<HistoryWriter> writer;
    private final HistorySettings settings;
    private final Clock clock;
    private final Recording recording = new Recording(new Coverage());
    private final Status openStatus;
    private volatile Supplier<List<AuditEntry>> audit = List::of;
    private volatile Instant lastAudit = Instant.EPOCH;
    private volatile Instant lastRetention;

    private History(Optional<HistoryDatabase> db, HistorySettings settings, Clock clock, Status status) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.openStatus = status;
        this.lastRetention = Instant.EPOCH;
        this.writer = db.filter(HistoryDatabase::recording).map(d -> new HistoryWriter(d, clock, settings.queueCapacity(),
                settings.batchMax(), msg -> LOG.warning(msg)));
    }

    /**
     * {@code <dataDirectory>/history.db} with the settings of the system properties ({@link HistorySettings});
     * an odd setting leaves history off, naming it. Never throws (see {@link #status()}).
     */
    public static History open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, clock, System::getProperty);
    }

    static History open(Path dataDirectory, Clock clock, Function<String, String> properties) {
        HistorySettings settings;
        try {
            settings = HistorySettings.from(properties);
        } catch (IllegalArgumentException e) {
            String why = "History is off: " + e.getMessage() + ".";
            LOG.warning(why);
            return off(HistorySettings.DEFAULT, clock, why);
        }
        return open(dataDirectory, clock, settings);
    }

    /** No history and no file: for a dry run, which promises to change nothing. */
    public static History none(Clock clock, String why) {
        return off(HistorySettings.DEFAULT, clock, why);
    }

    /** {@code <dataDirectory>/history.db}; never throws (see {@link #status()}). */
    public static History open(Path dataDirectory, Clock clock, HistorySettings settings) {
        return openFile(dataDirectory.resolve(FILE_NAME), clock, settings);
    }

    static History openFile(Path file, Clock clock, HistorySettings settings) {
        if (!settings.enabled()) {
            return off(settings, clock, "History is off (drainboard.history.enabled=false).");
        }
        try {
            HistoryDatabase d = HistoryDatabase.open(file, settings);
            Status s = d.recording() ? new Status(State.RECORDING, "Recording history in " + file)
                    : new Status(State.READ_ONLY, "Another Drainboard on this machine is recording history into " + file
                    + "; this one shows it but records nothing.");
            return new History(Optional.of(d), settings, clock, s);
        } catch (HistoryUnavailable e) {
            LOG.warning(e.getMessage()); // says what to do; SQLite's stack would only bury it
            return off(settings, clock, e.getMessage());
        }
    }

    private static History off(HistorySettings settings, Clock clock, String why) {
        return new History(Optional.empty(), settings, clock, new Status(State.OFF, why));
    }

    /** What history is doing, in the operator's words; OFF after a write failure that will not go away. */
    public Status status() {
        Optional<String> failed = writer.flatMap(HistoryWriter::failure);
        return failed.map(m -> new Status(State.OFF, m)).orElse(openStatus);
    }

    /** Where the audit log's entries come from (e.g. {@code () -> auditLog.recent(1000)}); read once a minute. */
    /** Holds writes (snapshots queue up) until {@link #resumeWrites}: the app does it while it starts. */
    public void holdWrites() {
        writer.ifPresent(HistoryWriter::hold);
    }

    public void resumeWrites() {
        writer.ifPresent(HistoryWriter::resume);
    }

    public void auditFrom(Supplier<List<AuditEntry>> source) {
        this.audit = source;
    }

    /**
     * Hands each snapshot to the writer thread and returns at once: a full queue drops the snapshot (counted
     * in {@link #droppedSnapshots()}), it never blocks the refresh.
     */
    public FleetListener recorder() {
        return new FleetListener() {
            @Override
            public void snapshot(FleetSnapshot s) {
                record(s);
            }

            @Override
            public String name() {
                return "The history recorder";
            }
        };
    }

    void record(FleetSnapshot s) {
        if (s.partial()) return; // the record is of whole refreshes
        if (writer.isEmpty()) return;
        Instant at = s.takenAt();
        boolean audits = Duration.between(lastAudit, at).compareTo(AUDIT_EVERY) >= 0;
        boolean retain = Duration.between(lastRetention, at).compareTo(RETENTION_EVERY) >= 0;
        if (audits) lastAudit = at;
        if (retain) lastRetention = at;
        Supplier<List<AuditEntry>> auditSource = audit;
        writer.get().offer(tx -> {
            recording.record(s, tx);
            if (audits) AuditImport.write(tx, auditSource);
            if (retain) Retention.run(tx, at, settings);
        });
    }

    /** Snapshots not recorded because the writer fell behind (or stopped). */
    public long droppedSnapshots() {
        return writer.map(HistoryWriter::dropped).orElse(0L);
    }

    /** Waits until everything handed over so far is written; false on timeout or when history is off. */
    public boolean flush(Duration timeout) {
        if (writer.isEmpty()) return db.isPresent();
        try {
            return writer.get().flush(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Optional<Path> file() {
        return db.map(HistoryDatabase::file);
    }

    public Clock clock() {
        return clock;
    }

    public HistorySettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ queries (off the FX thread)

    public List<ServiceRef> services() throws HistoryUnavailable {
        return query(HistoryQueries::services);
    }

    public Optional<ServiceRef> service(String cluster, String name) throws HistoryUnavailable {
        return services().stream().filter(s -> s.clusterName().equals(cluster) && s.name().equals(name)).findFirst();
    }

    public Timeline timeline(ServiceRef s, Instant from, Instant to) throws HistoryUnavailable {
        return query(q -> q.timeline(s, from, to));
    }

    /** Every recorded stop in [from, to], newest first (filter with {@link StopRecord#cutCalls()}). */
    public List<StopRecord> stops(Instant from, Instant to) throws HistoryUnavailable {
        return query(q -> q.stops(from, to, Optional.empty()));
    }

    public List<TimelineParts.Call> calls(String taskArn) throws HistoryUnavailable {
        return query(q -> q.calls(taskArn));
    }

    public List<SeriesPoint> taskSeries(String taskArn, Instant from, Instant to) throws HistoryUnavailable {
        return query(q -> q.taskSeries(taskArn, from, to));
    }

    private interface Query<T> {
        T run(HistoryQueries q) throws SQLException;
    }

    private <T> T query(Query<T> q) throws HistoryUnavailable {
        if (db.isEmpty()) throw new HistoryUnavailable(status().message());
        try {
            return q.run(new HistoryQueries(db.get().reader()));
        } catch (SQLException e) {
            throw HistoryDatabase.explain(db.get().file(), e);
        }
    }

    // ------------------------------------------------------------------ backfill

    /**
     * Backfills the time the console was closed, on a daemon thread: the named clusters (all when empty) of one
     * region, through the console's read clients and scheduler (background priority). Call once per region
     * after opening; the result says what was found and what could not be read.
     */
    public CompletableFuture<Backfill.Result> backfillInBackground(EcsClient ecs, Optional<CloudWatchClient> cloudWatch,
                                                                   CloudWatchCalls metric, RequestScheduler requests,
                                                                   List<String> clusters) {
        CompletableFuture<Backfill.Result> done = new CompletableFuture<>();
        if (writer.isEmpty()) {
            done.complete(new Backfill.Result(0, 0, 0, 0, clock.instant(), clock.instant(), List.of(status().message())));
            return done;
        }
        Backfill b = new Backfill(this, new EcsHistoryGateway(ecs, requests),
                cloudWatch.map(cw -> new MetricHistoryGateway(cw, metric, requests)), clock, settings.backfillLookback());
        Thread t = new Thread(() -> {
            try {
                Backfill.Result r = b.run(clusters);
                LOG.info(r.summary());
                done.complete(r);
            } catch (RuntimeException e) {
                LOG.warning("history backfill failed: " + e);
                done.completeExceptionally(e);
            }
        }, "history-backfill");
        t.setDaemon(true);
        t.start();
        return done;
    }

    Recording recording() {
        return recording;
    }

    /** A job from a background thread (backfill): waits for room in the queue rather than dropping. */
    void write(HistoryWriter.Job job) {
        if (writer.isEmpty()) return;
        try {
            writer.get().put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the gap before this session starts: the end of the last live stretch of an earlier session. */
    Optional<Instant> lastLive(String clusterArn) {
        if (db.isEmpty()) return Optional.empty();
        Instant sessionStart = recording.sessionStart().orElse(clock.instant());
        var c = db.get().reader();
        synchronized (c) {
            try {
                return Coverage.lastLive(c, clusterArn, sessionStart);
            } catch (SQLException e) {
                return Optional.empty();
            }
        }
    }

    long sizeBytes() {
        return db.map(HistoryDatabase::sizeBytes).orElse(0L);
    }

    HistoryWriter writerForTests() {
        return writer.orElseThrow();
    }

    @Override
    public void close() {
        writer.ifPresent(HistoryWriter::close);
        db.ifPresent(HistoryDatabase::close);
    }
}

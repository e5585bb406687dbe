package io.drainboard.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The only thread that writes history. Producers (the refresh thread, backfill) {@link #offer} jobs into a
 * bounded queue and never wait: when the queue is full the job is dropped and counted, so a slow disk can
 * cost history but never a refresh. The thread takes whatever is queued (up to {@code batchMax}) and
 * applies it in one transaction. A fault that will not go away (damaged file, full disk) stops the writer
 * with a message; the console goes on without history.
 */
final class HistoryWriter implements AutoCloseable {
    interface Job {
        void write(Tx tx) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(HistoryWriter.class.getName());
    private static final Job STOP = tx -> { };

    private final HistoryDatabase db;
    private final Clock clock;
    private final int batchMax;
    private final BlockingQueue<Job> queue;
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean held;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Consumer<String> onFailure;

    HistoryWriter(HistoryDatabase db, Clock clock, int capacity, int batchMax, Consumer<String> onFailure) {
        this.db = db;
        this.clock = clock;
        this.batchMax = batchMax;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "history-writer");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1); // the refresh and the FX thread come first
    }

    /**
     * Queued jobs wait, and the thread with its connection is not even started, until {@link #resume}: the
     * console holds its writes while it starts, so that opening SQLite and the first write (~0.3 s of CPU)
     * do not compete with the first fleet for the machine (docs/benchmarks.md, startup).
     */
    void hold() {
        held = true;
    }

    void resume() {
        held = false;
        start();
    }

    /** The thread starts with the first job (or the first resume), unless writes are held. */
    private void start() {
        if (!held && started.compareAndSet(false, true)) thread.start();
    }

    /** Queues a job without waiting; false (and counted) when the queue is full or the writer has stopped. */
    boolean offer(Job job) {
        if (failure.get() != null || !queue.offer(job)) {
            dropped.incrementAndGet();
            return false;
        }
        start();
        return true;
    }

    /** Queues a job, waiting for room: for backfill, whose thread may wait (a refresh never calls this). */
    void put(Job job) throws InterruptedException {
        if (failure.get() != null) return;
        start(); // before waiting for room: a held queue that is full would wait for nobody
        queue.put(job);
    }

    /** Waits until everything queued before this call is written (tests, export, shutdown). */
    boolean flush(long timeoutMillis) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Marker marker = tx -> done.countDown();
        if (failure.get() != null) return false;
        queue.put(marker);
        start();
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    long dropped() {
        return dropped.get();
    }

    long batches() {
        return batches.get();
    }

    long jobs() {
        return jobs.get();
    }

    /** CPU-side time the writer spent in transactions, for the benchmark's write cost per refresh. */
    long busyNanos() {
        return busyNanos.get();
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void run() {
        Connection c = db.writer();
        Tx tx = new Tx(c, new SeriesBuffers());
        List<Job> batch = new ArrayList<>(batchMax);
        try {
            while (true) {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, batchMax - 1);
                boolean stop = batch.remove(STOP);
                long t0 = System.nanoTime();
                apply(c, tx, batch, stop);
                busyNanos.addAndGet(System.nanoTime() - t0);
                if (stop || failure.get() != null) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) { // an Error must not end the thread silently: say so, and let flush() stop waiting
            String why = "History is off: its writer failed (" + e + "). The console keeps running without history;"
                    + " restart Drainboard to record again.";
            failure.set(why);
            onFailure.accept(why); // logs it, one line
            List<Job> left = new ArrayList<>();
            queue.drainTo(left);
            for (Job j : left) if (j instanceof Marker) runQuietly(j, tx);
        } finally {
            tx.closeStatements();
        }
    }

    private static void runQuietly(Job j, Tx tx) {
        try {
            j.write(tx);
        } catch (SQLException e) {
            // a marker does not touch the database
        }
    }

    private void apply(Connection c, Tx tx, List<Job> batch, boolean closing) {
        long real = batch.stream().filter(j -> !(j instanceof Marker)).count();
        // A flush or the close writes the series buffers too (a quiet wait does not: the benchmark's).
        boolean force = closing || batch.stream().anyMatch(j -> j instanceof Marker && !(j instanceof QuietMarker));
        try {
            if (real == 0 && !force) return;
            c.setAutoCommit(false);
            for (Job j : batch) if (!(j instanceof Marker)) j.write(tx);
            tx.series.flush(c, clock.instant(), force);
            c.commit();
            if (real > 0) batches.incrementAndGet();
            jobs.addAndGet(real);
        } catch (SQLException e) {
            rollback(c);
            HistoryUnavailable why = HistoryDatabase.explain(db.file(), e);
            String code = e instanceof org.sqlite.SQLiteException s ? s.getResultCode().name() : "";
            if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_FULL")
                    || code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") || HistoryDatabase.isDiskFull(why)) {
                failure.set(why.getMessage());
                onFailure.accept(why.getMessage()); // logs it, one line
            } else {
                // A lock held a moment too long by a reader, a constraint on odd data: this batch is lost, not history.
                dropped.addAndGet(real);
                LOG.warning("history batch dropped: " + why.getMessage());
            }
        } catch (RuntimeException e) {
            rollback(c);
            dropped.addAndGet(real);
            LOG.warning("history batch dropped: " + e);
        } finally {
            // Markers (flush) count down after the commit, and also when their batch failed, so nobody waits forever.
            for (Job j : batch) {
                if (!(j instanceof Marker)) continue;
                try {
                    j.write(tx);
                } catch (SQLException ignored) {
                    // a marker does not touch the database
                }
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone; the failure above is what matters
        }
    }

    @Override
    public void close() {
        if (!started.get() && queue.isEmpty()) return; // nothing was ever written: no connection to close
        resume(); // what is queued is written before the stop
        if (!queue.offer(STOP)) thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job that only signals: run after its batch is committed (or has failed). */
    interface Marker extends Job {
    }

    /** A marker that waits for the queue to drain without forcing the series buffers out. */
    interface QuietMarker extends Marker {
    }

    /** Waits until everything queued so far is written, leaving the series buffers to their own rhythm. */
    boolean awaitWritten(long timeoutMillis) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        QuietMarker marker = tx -> done.countDown();
        if (failure.get() != null) return false;
        queue.put(marker);
        start();
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}

package io.drainboard.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every request of the read path goes through here: at most {@code maxInFlight} at once across all
 * clusters, regions and sources (the account's ECS budget is shared with every other tool,
 * docs/aws-facts.md#throttling), the most urgent first, and throttled or transiently failed ones retried after a jittered backoff
 * that holds no worker while it waits. Requests run on the scheduler's own worker threads; the returned
 * future completes there, so code chained on it must never block.
 */
public final class RequestScheduler implements AutoCloseable {
    /** What a failure means for retrying it. */
    public enum Verdict { THROTTLED, TRANSIENT, FATAL }

    /** Priorities, lower first: list pages gate every later request, so they never wait behind describes. */
    public static final int LIST = 0;
    public static final int DESCRIBE_SMALL = 1;
    public static final int DESCRIBE_BULK = 2;
    public static final int BACKGROUND = 3;
    /**
     * Added to a priority, puts a request ahead of every request of the usual priorities while keeping their order
     * among its own: the first cluster a window shows is read before the others (FleetReader).
     */
    public static final int AHEAD = -(BACKGROUND + 1);

    private final int maxInFlight;
    private final Backoff backoff;
    private final RequestStats stats = new RequestStats();
    private final PriorityBlockingQueue<Job<?>> queue = new PriorityBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService retryTimer;
    private final SplittableRandom random = new SplittableRandom();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    public RequestScheduler(int maxInFlight, Backoff backoff, String name) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1");
        this.maxInFlight = maxInFlight;
        this.backoff = backoff;
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-backoff"));
        for (int i = 1; i <= maxInFlight; i++) {
            Thread t = daemon(this::work, name + "-" + i);
            workers.add(t);
            t.start();
        }
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public RequestStats stats() {
        return stats;
    }

    /**
     * Queues one request.
     *
     * @param operation "ecs:DescribeTasks", "livekit:ListParticipants", …: what the stats count
     * @param classify  tells throttling from a transient failure from a final one
     */
    public <T> CompletableFuture<T> submit(String operation, int priority, Callable<T> call,
                                           Function<Throwable, Verdict> classify) {
        Job<T> job = new Job<>(operation, priority, sequence.incrementAndGet(), call, classify, System.nanoTime());
        if (closed) {
            job.future.completeExceptionally(new CancellationException("the console is closing"));
        } else {
            queue.add(job);
        }
        return job.future;
    }

    private void work() {
        while (!closed) {
            Job<?> job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            run(job);
        }
    }

    private <T> void run(Job<T> job) {
        T value;
        stats.started(job.operation);
        try {
            value = job.call.call();
        } catch (Throwable t) {
            stats.ended();
            failed(job, unwrap(t));
            return;
        }
        stats.ended();
        job.future.complete(value);
    }

    private void failed(Job<?> job, Throwable cause) {
        Verdict verdict = job.classify.apply(cause);
        boolean again = !closed && switch (verdict) {
            case THROTTLED -> Duration.ofNanos(System.nanoTime() - job.firstTry).compareTo(backoff.giveUpAfter()) < 0;
            case TRANSIENT -> job.tries + 1 < backoff.transientAttempts();
            case FATAL -> false;
        };
        if (!again) {
            stats.failed(job.operation, verdict);
            job.future.completeExceptionally(cause);
            return;
        }
        job.tries++;
        Duration wait;
        synchronized (random) {
            wait = backoff.delay(job.tries, random);
        }
        stats.retrying(job.operation, verdict, wait);
        retryTimer.schedule(() -> queue.add(job), wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        retryTimer.shutdownNow();
        Job<?> j;
        while ((j = queue.poll()) != null) j.future.completeExceptionally(new CancellationException("the console is closing"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static final class Job<T> implements Comparable<Job<?>> {
        final String operation;
        final int priority;
        final long seq;
        final Callable<T> call;
        final Function<Throwable, Verdict> classify;
        final long firstTry;
        final CompletableFuture<T> future = new CompletableFuture<>();
        int tries;

        Job(String operation, int priority, long seq, Callable<T> call, Function<Throwable, Verdict> classify,
            long firstTry) {
            this.operation = operation;
            this.priority = priority;
            this.seq = seq;
            this.call = call;
            this.classify = classify;
            this.firstTry = firstTry;
        }

        @Override
        public int compareTo(Job<?> o) {
            return priority != o.priority ? Integer.compare(priority, o.priority) : Long.compare(seq, o.seq);
        }
    }
}

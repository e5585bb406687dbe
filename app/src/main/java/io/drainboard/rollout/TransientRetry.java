package io.drainboard.rollout;

import io.drainboard.aws.AwsRetry;
import io.drainboard.aws.RequestScheduler;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One read before a rollout starts (the service, the target revision, the scaling state, the lock tag), retried
 * as the read path retries ({@link AwsRetry}: throttling, 5xx and dropped connections again after a backoff;
 * access denied or a bad parameter at once): a single transient error must not refuse a rollout or pass a check
 * it did not make. Waits through the caller's pacer (wall time for a real fleet, virtual time in tests).
 */
final class TransientRetry {
    static final int ATTEMPTS = 4;
    static final Duration FIRST_WAIT = Duration.ofMillis(500);

    private TransientRetry() {
    }

    static <T> T read(Supplier<T> call, RolloutRunner.Pacer pacer) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (AwsRetry.classify(e) == RequestScheduler.Verdict.FATAL || attempt >= ATTEMPTS) throw e;
                try {
                    pacer.await(FIRST_WAIT.multipliedBy(1L << (attempt - 1)));
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}

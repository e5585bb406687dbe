package io.drainboard.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Which AWS failures are worth another try. Throttling is told by {@code isThrottlingException()}
 * (docs/aws-facts.md#throttling; not {@code retryable()}, which lumps it with everything else); 5xx answers and dropped
 * connections are transient; anything else (access denied, a bad parameter, expired credentials) will
 * fail the same way again.
 */
public final class AwsRetry {
    private AwsRetry() {
    }

    public static RequestScheduler.Verdict classify(Throwable t) {
        if (t instanceof AwsServiceException s) {
            if (s.isThrottlingException()) return RequestScheduler.Verdict.THROTTLED;
            return s.statusCode() >= 500 ? RequestScheduler.Verdict.TRANSIENT : RequestScheduler.Verdict.FATAL;
        }
        if (t instanceof SdkClientException && (t.getCause() instanceof IOException
                || t.getCause() instanceof UncheckedIOException)) {
            return RequestScheduler.Verdict.TRANSIENT;
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) return RequestScheduler.Verdict.TRANSIENT;
        return RequestScheduler.Verdict.FATAL;
    }
}

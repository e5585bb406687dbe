package io.drainboard.aws;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * A call was not sent because no client of the console reaches the account and region of what it touches (or it
 * named no ARN and the console reaches several). An SDK exception, so every caller that words and audits SDK
 * failures handles it the same way; its message says what to do.
 */
public final class NoRegionException extends SdkException {
    NoRegionException(String message) {
        super(SdkException.builder().message(message));
    }
}

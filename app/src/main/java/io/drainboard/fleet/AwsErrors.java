package io.drainboard.fleet;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into one line that says what happened and what to do. */
public final class AwsErrors {
    private AwsErrors() {
    }

    public static String explain(SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            String msg = s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage();
            if (s.isThrottlingException()) {
                return "AWS is throttling this account's ECS API (" + code + "); the console backs off and retries";
            }
            if ("ExpiredTokenException".equals(code) || "ExpiredToken".equals(code)) {
                return "AWS credentials have expired (" + code + "); run aws sso login (or refresh your credentials)";
            }
            if (s.statusCode() == 403 || "AccessDeniedException".equals(code)) {
                return "access denied (" + msg + "); the profile's IAM role lacks this permission";
            }
            return code + ": " + msg;
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            // The SDK's provider-chain dump lists six providers; what the operator needs is the command.
            return "no AWS credentials: run `aws sso login` (or `aws configure sso`), then refresh";
        }
        if (e instanceof SdkClientException) {
            return "cannot reach AWS (" + e.getMessage() + "); check the network and the profile's region/endpoint";
        }
        return e.getMessage();
    }
}

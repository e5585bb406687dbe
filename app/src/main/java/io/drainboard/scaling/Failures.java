package io.drainboard.scaling;

import io.drainboard.profile.ExitCode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** An AWS failure in one line and the exit code a pipeline can act on (never a stack trace). */
public final class Failures {
    private Failures() {
    }

    static ExitCode code(SdkException e) {
        if (e instanceof AwsServiceException s) {
            if (s.isThrottlingException()) return ExitCode.TRY_AGAIN;
            if (s.statusCode() == 403 || String.valueOf(s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode())
                    .contains("AccessDenied")) return ExitCode.NOT_PERMITTED;
            if (s.statusCode() >= 500) return ExitCode.UNAVAILABLE;
            return ExitCode.UNAVAILABLE;
        }
        return ExitCode.UNAVAILABLE;
    }

    public static String line(SdkException e) {
        String m = e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage() : e.getMessage();
        ExitCode c = code(e);
        String what = switch (c) {
            case TRY_AGAIN -> "; AWS is throttling: run again later";
            case NOT_PERMITTED -> "; the credentials lack a read permission (drainboard --iam-policy lists them)";
            default -> "; check the network and the AWS endpoint, then run again";
        };
        return m + what;
    }
}

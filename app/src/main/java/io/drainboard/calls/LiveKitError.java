package io.drainboard.calls;

import io.drainboard.aws.RequestScheduler;
import retrofit2.Response;

import java.io.IOException;

/**
 * A LiveKit Twirp request that got an error answer. The SDK does not throw (calls return
 * {@code retrofit2.Response}, docs/livekit-facts.md#java-sdk), so the source throws this to let the scheduler decide:
 * 429 / Twirp {@code resource_exhausted} is throttling, 5xx is transient, the rest (401 wrong key or
 * secret, 403 missing grant) is final.
 */
final class LiveKitError extends RuntimeException {
    private final int status;

    private LiveKitError(int status, String message) {
        super(message);
        this.status = status;
    }

    static LiveKitError of(Response<?> r) {
        String detail;
        try (var body = r.errorBody()) {
            detail = body == null ? "" : body.string().trim();
        } catch (IOException e) {
            detail = "";
        }
        String message = switch (r.code()) {
            case 401 -> "LiveKit rejected the API key/secret (401 " + detail
                    + "); check the key and secret the profile names";
            case 403 -> "LiveKit refused the request (403 " + detail + "); the API key needs the roomList and roomAdmin grants";
            default -> "LiveKit answered HTTP " + r.code() + (detail.isEmpty() ? "" : " (" + detail + ")");
        };
        return new LiveKitError(r.code(), message);
    }

    int status() {
        return status;
    }

    static RequestScheduler.Verdict classify(Throwable t) {
        if (t instanceof LiveKitError e) {
            if (e.status == 429) return RequestScheduler.Verdict.THROTTLED;
            return e.status >= 500 ? RequestScheduler.Verdict.TRANSIENT : RequestScheduler.Verdict.FATAL;
        }
        return t instanceof IOException ? RequestScheduler.Verdict.TRANSIENT : RequestScheduler.Verdict.FATAL;
    }
}

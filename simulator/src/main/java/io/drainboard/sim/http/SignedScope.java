package io.drainboard.sim.http;

import java.util.Optional;

/**
 * The access key id and region a SigV4-signed request names in its {@code Authorization} header's credential
 * scope: {@code AWS4-HMAC-SHA256 Credential=<access key id>/<yyyymmdd>/<region>/<service>/aws4_request, ...}
 * (AWS Identity and Access Management User Guide, "Elements of an AWS API request signature",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html). This is how AWS itself knows the
 * region and the caller of a request sent to one endpoint; the simulator checks no signature.
 */
public record SignedScope(String accessKeyId, String region) {
    private static final String CREDENTIAL = "Credential=";

    /** Empty for an unsigned request or a header that is not SigV4. */
    public static Optional<SignedScope> of(String authorization) {
        if (authorization == null) return Optional.empty();
        int at = authorization.indexOf(CREDENTIAL);
        if (at < 0) return Optional.empty();
        int start = at + CREDENTIAL.length();
        int end = authorization.indexOf(',', start);
        String[] parts = authorization.substring(start, end < 0 ? authorization.length() : end).trim().split("/");
        // <access key id>/<date>/<region>/<service>/aws4_request
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty()) return Optional.empty();
        return Optional.of(new SignedScope(parts[0], parts[2]));
    }
}

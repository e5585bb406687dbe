package io.drainboard.sim.cloudwatch;

import io.drainboard.sim.http.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque NextToken values: an offset tagged with the operation, so a token from elsewhere is refused. */
final class Pages {
    private Pages() {
    }

    static String token(int offset, String operation) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((operation + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offset(String token, String operation) {
        if (token == null) return 0;
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith(operation + ":")) throw new IllegalArgumentException();
            return Integer.parseInt(s.substring(operation.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new AwsException("InvalidNextToken", "InvalidNextToken", 400, "The service cannot decode the NextToken " + token + ".");
        }
    }
}

package io.drainboard.sim.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.util.Map;

/**
 * LiveKit's API-key middleware ([SRV] pkg/service/auth.go {@code APIKeyAuthMiddleware.ServeHTTP},
 * L63–117; [PROTO] auth/verifier.go). It runs before any routing, and a rejected token ends the
 * request with HTTP 401 and a plain-text body rather than a Twirp error.
 *
 * <p>Thread-safe: the java-jwt verifier is immutable.
 */
final class TokenVerifier {
    private static final String BEARER = "Bearer ";
    /** The server verifier allows 1 min of clock skew ([PROTO] auth/verifier.go L78–79). */
    private static final long LEEWAY_SECONDS = 60;

    /** Why the middleware turned a request away; the message is the response body. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final String apiKey;
    private final JWTVerifier verifier;

    TokenVerifier(String apiKey, String apiSecret, Clock clock) {
        this.apiKey = apiKey;
        // HMAC256 only: java-jwt rejects a token whose header names another algorithm, like the
        // server's allowedSigningMethods = [HS256] ([PROTO] auth/verifier.go L24–27).
        // build(Clock) lives on BaseVerification only; it makes nbf/exp/iat follow the simulator clock.
        JWTVerifier.BaseVerification verification =
                (JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(apiSecret));
        verification.withIssuer(apiKey).acceptLeeway(LEEWAY_SECONDS);
        this.verifier = verification.build(clock);
    }

    /**
     * @param authorization the Authorization header, or null
     * @param queryToken the {@code access_token} query parameter, or null; used only without a header
     * @return the grants, or {@link VideoGrants#NONE} when there is no token at all (the server lets
     *     such a request through and the handler's permission check denies it)
     */
    VideoGrants verify(String authorization, String queryToken) throws Rejected {
        String token;
        if (authorization != null && !authorization.isEmpty()) {
            if (!authorization.startsWith(BEARER)) {
                throw new Rejected("invalid authorization header. Must start with " + BEARER);
            }
            token = authorization.substring(BEARER.length());
        } else {
            token = queryToken;
        }
        if (token == null || token.isEmpty()) {
            return VideoGrants.NONE;
        }

        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw new Rejected("invalid authorization token");
        }
        if (!"HS256".equals(jwt.getAlgorithm())) {
            // go-jose refuses other algorithms while parsing, before the key lookup.
            throw new Rejected("invalid authorization token");
        }
        // The key is looked up by the (unverified) issuer; only one key is configured here.
        String issuer = jwt.getIssuer();
        if (!apiKey.equals(issuer)) {
            throw new Rejected("invalid API key: " + (issuer == null ? "" : issuer));
        }
        try {
            verifier.verify(jwt);
        } catch (JWTVerificationException e) {
            throw new Rejected("invalid authorization token: " + goJoseReason(e));
        }
        return grantsOf(jwt);
    }

    private static VideoGrants grantsOf(DecodedJWT jwt) {
        Map<String, Object> video = jwt.getClaim("video").asMap();
        if (video == null) {
            return VideoGrants.NONE;
        }
        return new VideoGrants(
                Boolean.TRUE.equals(video.get("roomList")),
                Boolean.TRUE.equals(video.get("roomAdmin")),
                video.get("room") instanceof String s ? s : "",
                Boolean.TRUE.equals(video.get("roomCreate")));
    }

    /** The go-jose error texts the server appends, so logs and bodies read like the real thing. */
    private static String goJoseReason(JWTVerificationException e) {
        if (e instanceof SignatureVerificationException) {
            return "go-jose/go-jose: error in cryptographic primitive";
        }
        if (e instanceof TokenExpiredException) {
            return "go-jose/go-jose/jwt: validation failed, token is expired (exp)";
        }
        if (e instanceof IncorrectClaimException ice && "nbf".equals(ice.getClaimName())) {
            return "go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)";
        }
        if (e instanceof IncorrectClaimException ice && "iat".equals(ice.getClaimName())) {
            return "go-jose/go-jose/jwt: validation failed, token issued in the future (iat)";
        }
        return e.getMessage();
    }
}

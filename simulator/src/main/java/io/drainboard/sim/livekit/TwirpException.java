package io.drainboard.sim.livekit;

import java.util.Map;

/**
 * A Twirp error on its way to the client as {@code {"code","msg","meta"}}. Backends may throw it
 * too (e.g. an injected {@code unavailable}); anything else becomes {@code internal}.
 */
public final class TwirpException extends RuntimeException {
    private final TwirpCode code;
    private final Map<String, String> meta;

    public TwirpException(TwirpCode code, String msg) {
        this(code, msg, Map.of());
    }

    public TwirpException(TwirpCode code, String msg, Map<String, String> meta) {
        super(msg, null, false, false); // an expected outcome: no stack trace needed
        this.code = code;
        this.meta = Map.copyOf(meta);
    }

    public TwirpCode code() {
        return code;
    }

    public Map<String, String> meta() {
        return meta;
    }

    /** twirp's generated {@code badRouteError}: code bad_route plus the offending route in meta. */
    static TwirpException badRoute(String msg, String method, String path) {
        return new TwirpException(TwirpCode.BAD_ROUTE, msg, Map.of("twirp_invalid_route", method + " " + path));
    }
}

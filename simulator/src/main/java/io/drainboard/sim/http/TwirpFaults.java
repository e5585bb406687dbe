package io.drainboard.sim.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Injected faults on the LiveKit Twirp API, answered as a Twirp server would
 * (https://twitchtv.github.io/twirp/docs/spec_v7.html, "Error codes"): throttling as
 * {@code resource_exhausted} (HTTP 429), a server error as {@code unavailable} (503), a reset as a
 * dropped connection.
 */
public final class TwirpFaults {
    private TwirpFaults() {
    }

    /** True when the fault was the answer (the caller must not handle the request). */
    public static boolean answer(HttpExchange ex, Faults.Outcome outcome) throws IOException {
        switch (outcome) {
            case THROTTLE -> send(ex, 429, "resource_exhausted", "rate limited (injected fault)");
            case SERVER_ERROR -> send(ex, 503, "unavailable", "service unavailable (injected fault)");
            case RESET -> ex.close();
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void send(HttpExchange ex, int status, String code, String msg) throws IOException {
        ex.getRequestBody().readAllBytes();
        Exchanges.send(ex, status, "application/json",
                ("{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

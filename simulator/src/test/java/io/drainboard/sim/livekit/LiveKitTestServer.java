package io.drainboard.sim.livekit;

import com.sun.net.httpserver.HttpServer;
import io.livekit.server.AccessToken;
import io.livekit.server.VideoGrant;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HttpServer on 127.0.0.1:0 serving the TwirpHandler at /twirp/, plus raw-HTTP helpers. */
final class LiveKitTestServer implements AutoCloseable {
    static final String KEY = "APIdrainboard";
    static final String SECRET = "a-secret-that-is-at-least-32-characters";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newHttpClient();

    LiveKitTestServer(LiveKitBackend backend, Clock clock) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/twirp/", new TwirpHandler(backend, KEY, SECRET, clock));
        server.setExecutor(pool);
        server.start();
    }

    LiveKitTestServer() throws IOException {
        this(new FakeBackend(), Clock.systemUTC());
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token as the SDK mints it: iss = key, HS256, 6 h ttl, the given video grants. */
    static String token(VideoGrant... grants) {
        AccessToken token = new AccessToken(KEY, SECRET);
        token.addGrants(grants);
        return token.toJwt();
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> postForBytes(String path, String contentType, byte[] body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType)
                .header("Authorization", authorization)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .GET()
                .header("Authorization", authorization)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

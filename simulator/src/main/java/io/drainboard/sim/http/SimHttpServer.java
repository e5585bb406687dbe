package io.drainboard.sim.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The simulator's one HTTP listener on 127.0.0.1; every protocol is a context on it. */
public final class SimHttpServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK hold every keep-alive response ~40 ms on loopback. Read once, at first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Requests served at once (each a thread, idle ones cost nothing). */
    static final int THREADS = 160;

    private final HttpServer server;
    private final ExecutorService executor;

    public SimHttpServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); pick another --port", e);
        }
        AtomicInteger n = new AtomicInteger();
        // Injected latency sleeps on these threads, so they bound what is in flight: at 32 a 50 ms latency capped the
        // simulator at 640 requests a second, below what a console reading 6 accounts and regions (96 in flight) asks.
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    public void route(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.drainboard.sim.ssm;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Session Manager data-channel endpoint ECS Exec sessions connect to (ssmmessages' /v1/data-channel),
 * with a simulated SSM agent behind each session. Listens on 127.0.0.1 on an ephemeral port, plain ws://.
 *
 * <p>ExecuteCommand wiring: mint a session id and a token, call {@link #expect(String, String, String,
 * CommandHandler)} with the command ExecuteCommand was given, and return {sessionId, streamUrl =
 * {@link #streamUrl}, tokenValue}. The handler runs when the client has opened the channel and finished
 * the handshake, which is when the real agent starts the command.
 */
public final class DataChannelServer implements AutoCloseable {
    /** The data-channel path of the real endpoint: wss://ssmmessages.REGION.amazonaws.com/v1/data-channel/ID. */
    public static final String PATH = "/v1/data-channel/";

    private final Clock clock;
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    private final Map<String, SessionLog> logs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final Endpoint endpoint;
    private final int port;

    private DataChannelServer(Clock clock) {
        this.clock = clock;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-ssm-timers");
            t.setDaemon(true);
            return t;
        });
        this.endpoint = new Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        endpoint.setReuseAddr(true);
        endpoint.setDaemon(true);
        endpoint.start();
        try {
            if (!endpoint.started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Session Manager data-channel server did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the data-channel server", e);
        }
        if (endpoint.failure != null) {
            throw new IllegalStateException("the data-channel server could not listen on 127.0.0.1: "
                    + endpoint.failure.getMessage(), endpoint.failure);
        }
        this.port = endpoint.getPort();
    }

    /** Starts on 127.0.0.1 with an ephemeral port; CreatedDate stamps come from the wall clock. */
    public static DataChannelServer start() {
        return start(Clock.systemUTC());
    }

    public static DataChannelServer start(Clock clock) {
        return new DataChannelServer(clock);
    }

    public int port() {
        return port;
    }

    /** The streamUrl ExecuteCommand returns for this session (the real one also names a cell-number). */
    public URI streamUrl(String sessionId) {
        return URI.create("ws://127.0.0.1:" + port + PATH + sessionId + "?role=publish_subscribe");
    }

    /** A shell session: the handler gets each line the client types. */
    public void expect(String sessionId, String token, CommandHandler handler) {
        register(new Expectation(sessionId, token, Optional.empty(), handler, AgentBehaviour.NORMAL));
    }

    /** An ECS Exec session: the agent runs {@code command} (the one given to ExecuteCommand) after the handshake. */
    public void expect(String sessionId, String token, String command, CommandHandler handler) {
        expect(sessionId, token, command, handler, AgentBehaviour.NORMAL);
    }

    public void expect(String sessionId, String token, String command, CommandHandler handler,
                       AgentBehaviour behaviour) {
        register(new Expectation(sessionId, token, Optional.of(command), handler, behaviour));
    }

    private void register(Expectation e) {
        Objects.requireNonNull(e.token(), "token");
        Objects.requireNonNull(e.handler(), "handler");
        expected.put(e.sessionId(), e);
        logs.put(e.sessionId(), new SessionLog(e.sessionId()));
    }

    /** What happened in a session so far: the ground truth tests assert on. */
    public Optional<SessionLog> session(String sessionId) {
        return Optional.ofNullable(logs.get(sessionId));
    }

    @Override
    public void close() {
        try {
            endpoint.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }

    private static String sessionIdOf(String resource) {
        if (resource == null || !resource.startsWith(PATH)) {
            return null;
        }
        String rest = resource.substring(PATH.length());
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /** The websocket listener; each connection carries its {@link AgentSession} as its attachment. */
    private final class Endpoint extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception failure;

        Endpoint(InetSocketAddress address) {
            super(address);
        }

        /** An unknown or finished session fails the HTTP upgrade, before any websocket frame. */
        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                           ClientHandshake request)
                throws InvalidDataException {
            String id = sessionIdOf(request.getResourceDescriptor());
            if (id == null || !expected.containsKey(id)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no open session " + id);
            }
            return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String id = sessionIdOf(handshake.getResourceDescriptor());
            Expectation e = id == null ? null : expected.get(id);
            if (e == null) {
                conn.close(CloseFrame.POLICY_VALIDATION, "no open session");
                return;
            }
            conn.setAttachment(new AgentSession(e, logs.get(id), conn, clock, timers,
                    () -> expected.remove(id, e)));   // a token opens its session once
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            AgentSession s = conn.getAttachment();
            if (s != null) {
                s.onText(message);
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            AgentSession s = conn.getAttachment();
            if (s != null) {
                byte[] frame = new byte[message.remaining()];
                message.get(frame);
                s.onBinary(frame);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            AgentSession s = conn.getAttachment();
            if (s != null) {
                s.onClose();
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                failure = ex;   // the listening socket itself failed
                started.countDown();
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}

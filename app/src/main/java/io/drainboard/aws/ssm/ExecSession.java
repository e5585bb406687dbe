package io.drainboard.aws.ssm;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one Session Manager data-channel session the way the session-manager-plugin does for
 * {@code aws ecs execute-command}: open a websocket to the session's streamUrl, send the token in an
 * OpenDataChannel text frame (streaming.go Open → FinalizeDataChannelHandshake), then exchange binary
 * {@link ClientMessage}s until the service sends channel_closed. The websocket is the JDK's. Each call
 * opens its own channel; instances are reusable and thread-safe.
 */
public final class ExecSession {
    /**
     * The session-manager-plugin release whose data-channel behaviour this follows; sent as ClientVersion
     * because the agent and the service may gate features on the client's version.
     */
    public static final String CLIENT_VERSION = "1.2.694.0";
    /** config.go ResendSleepInterval. */
    private static final long RESEND_TICK_MS = 100;
    /**
     * The plugin pings every 5 minutes to keep the channel alive (websocketchannel.go StartPings,
     * config.go PingTimeInterval). Drainboard pings every second: a session lasts seconds, and writing is
     * what reveals a peer that went away without a close frame, which the JDK client does not always report
     * from the read side.
     */
    private static final long PING_MS = 1_000;

    private final HttpClient http;
    private final Clock clock;

    public ExecSession() {
        this(HttpClient.newHttpClient(), Clock.systemUTC());
    }

    public ExecSession(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Runs the session ECS ExecuteCommand started (its command was given to ExecuteCommand). */
    public ExecResult run(URI streamUrl, String token, Duration timeout) {
        return run(streamUrl, token, Optional.empty(), timeout);
    }

    /**
     * @param typedInput text typed into the session once the handshake completes, as a user at the
     *                   plugin's terminal would (for a session whose command is a shell); end it with "\r"
     * @throws ExecFailure when the command could not run, or its outcome is unknown
     */
    public ExecResult run(URI streamUrl, String token, Optional<String> typedInput, Duration timeout) {
        if (token == null || token.isBlank()) {
            throw new ExecFailure(ExecFailure.Kind.TOKEN_REJECTED, "ExecuteCommand returned no session token;"
                    + " run the cordon again");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        DataChannel channel = new DataChannel(clock, CLIENT_VERSION, typedInput);
        Listener listener = new Listener(channel, streamUrl);
        WebSocket ws = open(streamUrl, listener, timeout, deadline);
        ScheduledExecutorService resender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ecs-exec-resend");
            t.setDaemon(true);
            return t;
        });
        try {
            listener.send(ws, DataChannelJson.openDataChannel(token, UUID.randomUUID().toString(), CLIENT_VERSION));
            resender.scheduleWithFixedDelay(() -> listener.sendAll(ws, channel.resendsDue()), RESEND_TICK_MS,
                    RESEND_TICK_MS, TimeUnit.MILLISECONDS);
            resender.scheduleWithFixedDelay(() -> listener.ping(ws), PING_MS, PING_MS, TimeUnit.MILLISECONDS);
            return listener.done.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timedOut(channel, timeout, streamUrl);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ExecFailure f ? f
                    : new ExecFailure(ExecFailure.Kind.PROTOCOL, "ECS Exec failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecFailure(ExecFailure.Kind.INTERRUPTED, "ECS Exec was interrupted before the command finished");
        } finally {
            resender.shutdownNow();
            listener.close(ws);
        }
    }

    private WebSocket open(URI streamUrl, Listener listener, Duration timeout, long deadline) {
        try {
            return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(streamUrl, listener)
                    .get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                if (status == 401 || status == 403 || status == 404) {
                    throw new ExecFailure(ExecFailure.Kind.TOKEN_REJECTED, "Session Manager refused the ECS Exec data"
                            + " channel (HTTP " + status + "): the session has ended or its token expired. Tokens from"
                            + " ExecuteCommand are single-use and short-lived; run the cordon again.", cause);
                }
            }
            throw new ExecFailure(ExecFailure.Kind.CANNOT_CONNECT, "Could not open the ECS Exec data channel to "
                    + streamUrl.getHost() + ": " + describe(cause) + ". Check that this machine can reach "
                    + streamUrl.getHost() + " on port 443 (proxy, firewall or VPC endpoint).", cause);
        } catch (TimeoutException e) {
            throw new ExecFailure(ExecFailure.Kind.CANNOT_CONNECT, "The ECS Exec data channel to "
                    + streamUrl.getHost() + " did not open within " + human(timeout) + ". Check that this machine"
                    + " can reach it on port 443 (proxy, firewall or VPC endpoint).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecFailure(ExecFailure.Kind.INTERRUPTED, "ECS Exec was interrupted while connecting");
        }
    }

    private static ExecFailure timedOut(DataChannel channel, Duration timeout, URI streamUrl) {
        if (!channel.heardFromAgent()) {
            return new ExecFailure(ExecFailure.Kind.AGENT_SILENT, "The SSM agent in the container did not answer"
                    + " within " + human(timeout) + ". Check that DescribeTasks shows the ExecuteCommandAgent"
                    + " RUNNING for the container, that the task role allows ssmmessages:CreateControlChannel,"
                    + " CreateDataChannel, OpenControlChannel and OpenDataChannel, and that the task can reach "
                    + streamUrl.getHost() + ".");
        }
        return new ExecFailure(ExecFailure.Kind.TIMED_OUT, "The command did not finish within "
                + human(timeout) + " after the SSM agent answered" + outputSoFar(channel)
                + ". It may have run: check the task before signalling it again.");
    }

    private static String outputSoFar(DataChannel channel) {
        String out = channel.output().strip();
        return out.isEmpty() ? "" : " (output so far: " + abbreviate(out) + ")";
    }

    static String human(Duration d) {
        return d.toMillis() < 1_000 || d.toMillis() % 1_000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Feeds websocket frames to the {@link DataChannel} and settles {@link #done}. The JDK delivers
     * listener calls one at a time; sends are chained because a WebSocket allows one pending send.
     */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<ExecResult> done = new CompletableFuture<>();
        private final DataChannel channel;
        private final URI streamUrl;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

        Listener(DataChannel channel, URI streamUrl) {
            this.channel = channel;
            this.streamUrl = streamUrl;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            return onFrame(ws, chunk, last);
        }

        /** The plugin reads text frames the same way as binary ones (websocketchannel.go Open). */
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            return onFrame(ws, data.toString().getBytes(StandardCharsets.UTF_8), last);
        }

        private CompletionStage<?> onFrame(WebSocket ws, byte[] chunk, boolean last) {
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                try {
                    sendAll(ws, channel.receive(frame));
                    settle();
                } catch (IllegalArgumentException e) {
                    done.completeExceptionally(new ExecFailure(ExecFailure.Kind.PROTOCOL, "The ECS Exec data channel"
                            + " sent a malformed message (" + e.getMessage() + "); the command's outcome is unknown.", e));
                }
            }
            ws.request(1);
            return null;
        }

        private void settle() {
            Optional<String> refusal = channel.refusal();
            if (refusal.isPresent()) {
                done.completeExceptionally(new ExecFailure(ExecFailure.Kind.SESSION_REFUSED,
                        "ECS Exec cannot run the command: " + refusal.get() + "."));
            } else if (channel.closedWith().isPresent()) {
                done.complete(new ExecResult(channel.output(), channel.exitCode(), ExecResult.Ending.CHANNEL_CLOSED,
                        channel.closedWith().get(), channel.agentVersion()));
            } else if (channel.exitCode().isPresent()) {
                done.complete(new ExecResult(channel.output(), channel.exitCode(), ExecResult.Ending.EXIT_CODE, "",
                        channel.agentVersion()));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            done.completeExceptionally(closedEarly("was closed (code " + code
                    + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")", code, null));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            done.completeExceptionally(closedEarly("broke (" + describe(error) + ")", -1, error));
        }

        /**
         * A channel that ends without channel_closed. Before the agent spoke, the command cannot have started
         * (the agent starts it after the handshake, amazon-ssm-agent sessionplugin.go Execute); a refusal
         * close then means the token, anything else a dropped connection.
         */
        private ExecFailure closedEarly(String how, int code, Throwable cause) {
            if (!channel.heardFromAgent()) {
                if (code == WebSocket.NORMAL_CLOSURE || code == 1008 || code >= 4000) {
                    return new ExecFailure(ExecFailure.Kind.TOKEN_REJECTED, "The ECS Exec data channel to "
                            + streamUrl.getHost() + " " + how + " before the SSM agent answered: Session Manager"
                            + " rejected the session token or it had expired. Tokens from ExecuteCommand are"
                            + " single-use and short-lived; run the cordon again.", cause);
                }
                return new ExecFailure(ExecFailure.Kind.CANNOT_CONNECT, "The ECS Exec data channel to "
                        + streamUrl.getHost() + " " + how + " before the SSM agent answered, so the command did not"
                        + " run; run the cordon again.", cause);
            }
            return new ExecFailure(ExecFailure.Kind.CONNECTION_LOST, "The ECS Exec data channel to "
                    + streamUrl.getHost() + " " + how + " after the SSM agent answered and before the command"
                    + " finished" + outputSoFar(channel) + ". The command may have run: check the task before"
                    + " signalling it again.", cause);
        }

        void ping(WebSocket ws) {
            chain(ws, () -> ws.sendPing(ByteBuffer.wrap(new byte[] {'k'})));
        }

        void send(WebSocket ws, String text) {
            chain(ws, () -> ws.sendText(text, true));
        }

        void sendAll(WebSocket ws, List<byte[]> frames) {
            for (byte[] f : frames) {
                chain(ws, () -> ws.sendBinary(ByteBuffer.wrap(f), true));
            }
        }

        /** Closes after the queued frames (an acknowledgement may still be on its way), then lets go. */
        void close(WebSocket ws) {
            CompletableFuture<?> sent;
            synchronized (this) {
                sent = lastSend;
            }
            sent.handle((x, err) -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                    .thenCompose(f -> f)
                    .orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((w, err) -> ws.abort());
        }

        private synchronized void chain(WebSocket ws, Supplier<CompletableFuture<WebSocket>> send) {
            lastSend = lastSend.thenCompose(x -> send.get());
            lastSend.exceptionally(err -> {
                onError(ws, err instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : err);
                return null;
            });
        }
    }
}

package io.drainboard.sim.ssm;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client that plays the plugin's side step by step, so a test can check each frame the server sends.
 * Frames arrive in a queue: {@link AgentMessage}s, or a {@link Closed} at the end.
 */
final class ScriptedClient implements AutoCloseable {
    record Closed(int code, String reason) {
    }

    private static final Duration WAIT = Duration.ofSeconds(3);

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    ScriptedClient(URI url) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                partial.writeBytes(chunk);
                if (last) {
                    received.add(AgentMessage.parse(partial.toByteArray()));
                    partial.reset();
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                received.add(new Closed(code, reason));
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                received.add(new Closed(-1, String.valueOf(error)));
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void open(String token) throws Exception {
        ws.sendText("{\"MessageSchemaVersion\":\"1.0\",\"RequestId\":\"r-1\",\"TokenValue\":\"" + token
                + "\",\"ClientId\":\"c-1\",\"ClientVersion\":\"1.2.694.0\"}", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void send(AgentMessage m) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(m.serialize()), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void input(long seq, int payloadType, String json) throws Exception {
        send(new AgentMessage(AgentMessage.INPUT_STREAM_DATA, 1, System.currentTimeMillis(), seq, 0,
                UUID.randomUUID(), payloadType, json.getBytes(StandardCharsets.UTF_8)));
    }

    void acknowledge(AgentMessage m) throws Exception {
        String json = "{\"AcknowledgedMessageType\":\"" + m.messageType() + "\",\"AcknowledgedMessageId\":\""
                + m.messageId() + "\",\"AcknowledgedMessageSequenceNumber\":" + m.sequenceNumber()
                + ",\"IsSequentialMessage\":true}";
        send(new AgentMessage(AgentMessage.ACKNOWLEDGE, 1, System.currentTimeMillis(), 0, 3,
                UUID.randomUUID(), 0, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The next thing the server sent; fails the test after a few seconds of silence. */
    Object next() throws InterruptedException {
        Object o = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("the server sent nothing within " + WAIT);
        }
        return o;
    }

    AgentMessage nextMessage() throws InterruptedException {
        Object o = next();
        if (!(o instanceof AgentMessage m)) {
            throw new AssertionError("expected a message, got " + o);
        }
        return m;
    }

    @Override
    public void close() {
        CompletableFuture<WebSocket> c = ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        c.whenComplete((w, e) -> ws.abort());
    }
}

package io.drainboard.sim.ssm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ground truth of one data-channel session, as the simulated agent saw it. Thread-safe snapshots. */
public final class SessionLog {

    /** How the session ended, from the server's side. */
    public enum Ending { OPEN, CHANNEL_CLOSED, TOKEN_REJECTED, DROPPED, CLIENT_WENT_AWAY }

    /** A stream message the agent sent (output_stream_data). */
    public record Sent(long sequenceNumber, UUID messageId, int payloadType) {
    }

    /** An acknowledge the client sent, decoded from its JSON payload. */
    public record Ack(String messageType, String messageId, long sequenceNumber, boolean sequential) {
    }

    /** A stream message the client sent (input_stream_data). */
    public record Input(long sequenceNumber, long flags, int payloadType, String payload) {
    }

    /** The client's OpenDataChannel fields, without the token. */
    public record Opening(String messageSchemaVersion, String requestId, String clientId, String clientVersion) {
    }

    private final String sessionId;
    private Opening opening;
    private final List<Sent> sent = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();
    private final List<Input> inputs = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String handshakeResponse;
    private Ending ending = Ending.OPEN;
    private final CompletableFuture<Ending> end = new CompletableFuture<>();
    private final CompletableFuture<Void> running = new CompletableFuture<>();

    SessionLog(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() { return sessionId; }

    public synchronized Optional<Opening> opening() { return Optional.ofNullable(opening); }

    public synchronized List<Sent> sent() { return List.copyOf(sent); }

    public synchronized List<Ack> acks() { return List.copyOf(acks); }

    public synchronized List<Input> inputs() { return List.copyOf(inputs); }

    /** Commands the handler ran, in order. */
    public synchronized List<String> commands() { return List.copyOf(commands); }

    /** Protocol breaches the agent noticed (bad digest, unknown frame): a faithful client leaves this empty. */
    public synchronized List<String> problems() { return List.copyOf(problems); }

    /** The client's HandshakeResponse JSON, if it sent one. */
    public synchronized Optional<String> handshakeResponse() { return Optional.ofNullable(handshakeResponse); }

    public synchronized Ending ending() { return ending; }

    /** Waits until the session has ended (at most {@code timeout}) and says how; OPEN if it has not. */
    public Ending awaitEnding(Duration timeout) {
        return await(end, timeout).orElse(Ending.OPEN);
    }

    /** Waits until the handler has been called (at most {@code timeout}); false if it was not. */
    public boolean awaitCommand(Duration timeout) {
        await(running, timeout);
        return running.isDone();
    }

    private static <T> Optional<T> await(CompletableFuture<T> f, Duration timeout) {
        try {
            return Optional.ofNullable(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    synchronized void opened(Opening o) { opening = o; }

    synchronized void sent(Sent s) { sent.add(s); }

    synchronized void acked(Ack a) { acks.add(a); }

    synchronized void input(Input i) { inputs.add(i); }

    synchronized void ran(String command) {
        commands.add(command);
        running.complete(null);
    }

    synchronized void problem(String p) { problems.add(p); }

    synchronized void handshakeResponse(String json) { handshakeResponse = json; }

    synchronized void ended(Ending e) {
        if (ending == Ending.OPEN) {
            ending = e;
            end.complete(e);
        }
    }
}

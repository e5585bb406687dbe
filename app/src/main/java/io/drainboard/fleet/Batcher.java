package io.drainboard.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Collects ARNs as list pages arrive and sends a request as soon as a full batch is there, so describes
 * overlap the listing that feeds them; {@link #finish()} sends the remainder. A refresh that needs only a
 * few tasks re-read (steady state) thus sends one small request, not one per page.
 */
final class Batcher {
    private final int size;
    private final Function<List<String>, CompletableFuture<?>> send;
    private final List<String> pending = new ArrayList<>();
    private final List<CompletableFuture<?>> sent = new ArrayList<>();

    Batcher(int size, Function<List<String>, CompletableFuture<?>> send) {
        this.size = size;
        this.send = send;
    }

    synchronized void add(String arn) {
        pending.add(arn);
        if (pending.size() == size) flush();
    }

    /** Sends what is left and completes when every request sent has been handled. */
    synchronized CompletableFuture<Void> finish() {
        if (!pending.isEmpty()) flush();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private void flush() {
        List<String> batch = List.copyOf(pending);
        pending.clear();
        sent.add(send.apply(batch));
    }
}

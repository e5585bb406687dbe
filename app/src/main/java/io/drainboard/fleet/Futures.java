package io.drainboard.fleet;

import io.drainboard.aws.EcsGateway;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/** Small helpers for the read pipelines; none of them blocks a thread. */
final class Futures {
    private Futures() {
    }

    /** Fetches every page in turn, handing each to {@code onPage} as it arrives. */
    static CompletableFuture<Void> walk(Function<String, CompletableFuture<EcsGateway.Page>> fetch,
                                        Consumer<List<String>> onPage) {
        return walk(fetch, onPage, null);
    }

    private static CompletableFuture<Void> walk(Function<String, CompletableFuture<EcsGateway.Page>> fetch,
                                                Consumer<List<String>> onPage, String token) {
        return fetch.apply(token).thenCompose(page -> {
            onPage.accept(page.arns());
            return page.nextToken().map(t -> walk(fetch, onPage, t)).orElse(CompletableFuture.completedFuture(null));
        });
    }

    /** Waits for futures that may still be added to the (synchronized) list while it waits. */
    static CompletableFuture<Void> allOfGrowing(List<CompletableFuture<?>> futures) {
        List<CompletableFuture<?>> now = copy(futures);
        return CompletableFuture.allOf(now.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            synchronized (futures) {
                return futures.size() == now.size() ? CompletableFuture.completedFuture(null) : allOfGrowing(futures);
            }
        });
    }

    static <T> List<T> copy(List<T> synced) {
        synchronized (synced) {
            return List.copyOf(synced);
        }
    }

    /** A failure in the operator's words. */
    static String explain(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        if (e instanceof IllegalStateException && e.getMessage() != null) return e.getMessage(); // already in the operator's words
        return e instanceof SdkException s ? AwsErrors.explain(s) : String.valueOf(e);
    }
}

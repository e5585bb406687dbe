package io.drainboard.drain;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lean route sits next to the drain route (docs/worker-snippets.md). */
class HttpCordonLeanUrlTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:1:task/voice/0123456789abcdef";

    @Test
    void leanUrlIsTheDrainUrlWithLeanInPlaceOfDrain() {
        HttpCordon h = new HttpCordon("http://{taskIp}:8082/drain", arn -> Optional.of("10.0.1.7"));
        assertEquals(Optional.of(URI.create("http://10.0.1.7:8082/lean?seconds=600")), h.leanUrlFor(ARN, 600));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9/workers/0123456789abcdef/lean?seconds=0")),
                new HttpCordon("http://127.0.0.1:9/workers/{taskId}/drain").leanUrlFor(ARN, 0));
    }

    @Test
    void noLeanRouteWhereTheDrainUrlHasNoDrainToReplace() {
        HttpCordon h = new HttpCordon("http://{taskId}.agents.internal:8082/stop-taking-jobs");
        assertEquals(Optional.empty(), h.leanUrlFor(ARN, 600));
        assertEquals(HttpCordon.LeanAnswer.NO_ROUTE, h.lean(ARN, Duration.ofMinutes(10)).answer());
    }
}

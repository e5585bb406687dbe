package io.drainboard.calls;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The worker's WorkerInfo JSON as the Python and JS agents print it (docs/livekit-facts.md#worker-endpoint). */
class WorkerEndpointParseTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void pythonPrintsActiveJobsAsAFloat() throws IOException {
        TaskCount c = WorkerEndpointCallSource.parse(
                "{\"worker_type\":\"JT_ROOM\",\"agent_name\":\"support\",\"active_jobs\":3.0,\"worker_load\":0.42}", T);
        assertEquals(OptionalInt.of(3), c.count());
        assertEquals(OptionalDouble.of(0.42), c.load());
    }

    @Test
    void zeroJobsAreLeftOutOfTheJson() throws IOException {
        TaskCount c = WorkerEndpointCallSource.parse("{\"worker_type\":\"JT_ROOM\",\"sdk_version\":\"1.7.0\",\"protocol_version\":1}", T);
        assertEquals(OptionalInt.of(0), c.count());
        assertEquals(Optional.empty(), c.error());
    }

    @Test
    void nodeSendsNoWorkerLoad() throws IOException {
        TaskCount c = WorkerEndpointCallSource.parse("{\"agent_name\":\"a\",\"active_jobs\":2,\"project_type\":\"nodejs\"}", T);
        assertEquals(OptionalInt.of(2), c.count());
    }

    @Test
    void somethingThatIsNotWorkerInfoIsAnError() {
        assertThrows(IOException.class, () -> WorkerEndpointCallSource.parse("[1,2]", T));
    }

    @Test
    void theTemplateFillsInTheTask() {
        TaskAddress t = new TaskAddress("arn:aws:ecs:us-east-1:1:task/c/abc", "abc", "c", "s", Optional.of("10.0.1.2"));
        assertEquals("http://10.0.1.2:8081/worker", WorkerUrl.fromProfile("http://{taskIp}:8081/worker").of(t).orElseThrow().toString());
        assertEquals("http://127.0.0.1:9/workers/abc/worker",
                WorkerUrl.simulator(java.net.URI.create("http://127.0.0.1:9")).of(t).orElseThrow().toString());
        assertEquals(Optional.empty(), WorkerUrl.DEFAULT.of(new TaskAddress("a", "a", "c", "s", Optional.empty())));
    }
}

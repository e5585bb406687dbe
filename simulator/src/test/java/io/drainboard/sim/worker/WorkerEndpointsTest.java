package io.drainboard.sim.worker;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workers' HTTP endpoints over plain HTTP, as the console reaches them through the URL template. */
class WorkerEndpointsTest {
    private Simulator sim;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<TaskState> tasks(String service) {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get(service).tasks());
    }

    private String url(TaskState t, String route) {
        return sim.workerUrlTemplate().replace("{taskId}", t.id()).substring(sim.endpoint().toString().length()) + route;
    }

    @Test
    void workerInfoIsWhatThePythonAgentPrints() throws Exception {
        TaskState t = tasks("agent").stream().filter(x -> !x.calls().isEmpty()).findFirst().orElseThrow();
        int jobs = sim.model().read(m -> m.activeCalls(t));
        SimClients.Reply r = SimClients.get(sim, url(t, "/worker"));
        assertEquals(200, r.status());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        String load = Float.toString(jobs / 4f);
        assertEquals("{\n"
                + "  \"worker_type\": \"JT_ROOM\",\n"
                + "  \"agent_name\": \"support\",\n"
                + "  \"active_jobs\": " + jobs + ".0,\n"
                + "  \"sdk_version\": \"1.7.0\",\n"
                + "  \"worker_load\": " + load + ",\n"
                + "  \"protocol_version\": 1\n"
                + "}", r.body());
        assertEquals(1, sim.requests().count("worker", "GetWorker"));
    }

    @Test
    void idleWorkerOmitsActiveJobsAndLoad() {
        String body = WorkerEndpoints.workerInfoJson(new WorkerFleet.Worker("t", "", 0, 0, true, false));
        assertEquals("{\n  \"worker_type\": \"JT_ROOM\",\n  \"sdk_version\": \"1.7.0\",\n  \"protocol_version\": 1\n}", body);
        assertEquals("{\n  \"worker_type\": \"JT_ROOM\",\n  \"agent_name\": \"a\",\n  \"active_jobs\": 1.0,\n"
                + "  \"sdk_version\": \"1.7.0\",\n  \"worker_load\": 0.33333334,\n  \"protocol_version\": 1\n}",
                WorkerEndpoints.workerInfoJson(new WorkerFleet.Worker("t", "a", 1, 1 / 3.0, true, false)));
    }

    @Test
    void workersAreAlsoFoundByPrivateIp() throws Exception {
        TaskState t = tasks("dialer").get(1);
        SimClients.Reply r = SimClients.get(sim, "/workers/" + t.privateIp() + "/worker");
        assertEquals(200, r.status());
        assertEquals(SimClients.get(sim, url(t, "/worker")).body(), r.body());
    }

    @Test
    void healthRouteSaysOk() throws Exception {
        SimClients.Reply r = SimClients.get(sim, url(tasks("dialer").get(0), "/"));
        assertEquals(200, r.status());
        assertEquals("OK", r.body());
    }

    @Test
    void unknownTaskAndUnknownRouteAre404() throws Exception {
        assertEquals(404, SimClients.get(sim, "/workers/0123456789abcdef/worker").status());
        assertEquals(404, SimClients.get(sim, url(tasks("agent").get(0), "/metrics")).status());
    }

    @Test
    void drainRouteOnlyWhereTheScenarioEnablesIt() throws Exception {
        TaskState dialer = tasks("dialer").get(0);
        assertEquals(404, SimClients.post(sim, url(dialer, "/drain"), "").status());
        assertEquals(WorkerState.SERVING, sim.model().read(m -> dialer.worker()));
    }

    @Test
    void drainCordonsTheWorkerSoItGetsNoNewCalls() throws Exception {
        TaskState t = tasks("agent").get(0);
        SimClients.Reply r = SimClients.post(sim, url(t, "/drain"), "");
        assertEquals(200, r.status());
        assertEquals("{\"draining\": true}", r.body());
        assertEquals(200, SimClients.post(sim, url(t, "/drain"), "").status(), "drain() is one-way; again is fine");
        assertEquals(WorkerState.CORDONED, sim.model().read(m -> t.worker()));
        java.util.Set<String> before = sim.model().read(m -> new java.util.HashSet<>(t.calls().keySet()));
        sim.model().read(m -> {
            ServiceState s = t.service();
            m.setArrivalRate(s, s.arrivalRatePerSecond() * 4);
            return null;
        });
        sim.advance(Duration.ofMinutes(20));
        java.util.Set<String> after = sim.model().read(m -> new java.util.HashSet<>(t.calls().keySet()));
        after.removeAll(before);
        assertTrue(after.isEmpty(), "new calls on a cordoned worker: " + after);
        assertEquals(200, SimClients.get(sim, url(t, "/")).status(), "health stays OK while draining");
    }

    @Test
    void aWorkerThatIsNotUpDoesNotAnswer() {
        TaskState t = tasks("agent").get(0);
        sim.model().read(m -> {
            m.stopTask(t, "test");
            return null;
        });
        sim.advance(Duration.ofMinutes(5));
        assertEquals(WorkerState.EXITED, sim.model().read(m -> t.worker()));
        assertThrows(IOException.class, () -> SimClients.get(sim, url(t, "/worker")));
    }

    @Test
    void leanRaisesTheReportedLoadForItsTimeToLive() throws Exception {
        TaskState t = tasks("agent").get(0);
        SimClients.Reply r = SimClients.post(sim, url(t, "/lean?seconds=600"), "");
        assertEquals(200, r.status());
        assertEquals("{\"leaning\": true, \"seconds\": 600}", r.body());
        assertTrue(SimClients.get(sim, url(t, "/worker")).body().contains("\"worker_load\": 0.99,"),
                "GET /worker shows the load the worker reports to LiveKit");
        assertEquals(WorkerState.SERVING, sim.model().read(m -> t.worker()), "a lean is not a cordon");
        sim.advance(Duration.ofSeconds(601));
        assertFalse(SimClients.get(sim, url(t, "/worker")).body().contains("0.99"), "the lean lapsed on its own");
        SimClients.post(sim, url(t, "/lean?seconds=600"), "");
        r = SimClients.post(sim, url(t, "/lean?seconds=0"), "");
        assertEquals("{\"leaning\": false}", r.body());
        assertFalse((boolean) sim.model().read(m -> t.leaned(m.now())));
    }

    @Test
    void leanNeedsAValidTimeToLiveAndTheRoute() throws Exception {
        TaskState t = tasks("agent").get(0);
        assertEquals(400, SimClients.post(sim, url(t, "/lean"), "").status());
        assertEquals(400, SimClients.post(sim, url(t, "/lean?seconds=3601"), "").status(), "capped at an hour");
        assertEquals(400, SimClients.post(sim, url(t, "/lean?seconds=x"), "").status());
        assertEquals(404, SimClients.get(sim, url(t, "/lean?seconds=60")).status());
        assertEquals(404, SimClients.post(sim, url(tasks("dialer").get(0), "/lean?seconds=60"), "").status(),
                "no drain route, no lean route");
    }
}

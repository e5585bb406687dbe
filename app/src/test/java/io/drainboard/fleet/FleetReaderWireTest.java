package io.drainboard.fleet;

import io.drainboard.Console;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read path end to end: real EcsClient and RoomServiceClient against the simulator's demo fleet. */
class FleetReaderWireTest {
    private Console console;
    private Simulator sim;

    @BeforeEach
    void open() throws Exception {
        Profile demo = ProfileLoader.load(Path.of("..", "profiles", "demo.yaml"));
        sim = Simulator.start(Simulator.Options.virtual("demo"));
        console = Console.onSimulator(demo, sim);
    }

    @AfterEach
    void close() {
        console.close();
    }

    private FleetSnapshot read() {
        return console.refresher().readOnce();
    }

    @Test
    void readsEveryClusterServiceAndTaskOfTheDemo() {
        FleetSnapshot s = read();
        assertEquals(List.of(), s.errors());
        assertEquals(List.of("voice-prod", "voice-staging"), s.clusters().stream().map(ClusterSnapshot::name).toList());
        assertEquals(List.of("voice-prod/outbound-dialer", "voice-prod/sales-agent", "voice-prod/support-agent",
                        "voice-staging/support-agent", "voice-staging/transcriber"),
                s.services().map(ServiceSnapshot::key).toList());
        assertEquals(29, s.tasks().count());
        assertEquals(10, s.service("voice-prod", "support-agent").orElseThrow().tasks().size());
    }

    @Test
    void callsPerTaskMatchTheSimulatorsGroundTruth() {
        FleetSnapshot s = read();
        Map<String, Integer> truth = sim.model().read(m -> m.clusters().stream()
                .flatMap(c -> c.tasks().values().stream())
                .collect(Collectors.toMap(TaskState::arn, t -> t.calls().size())));
        int total = 0;
        for (TaskSnapshot t : s.tasks().toList()) {
            assertTrue(t.calls().known(), t.calls().toString());
            assertEquals(truth.get(t.arn()), t.calls().count(), t.id());
            total += t.calls().count();
        }
        assertTrue(total > 20, "the demo carries live calls, saw " + total);
        assertEquals(0, s.calls().unattributed());
    }

    @Test
    void effectiveStopTimeoutFollowsLaunchTypeRules() {
        FleetSnapshot s = read();
        assertEquals(120, stopTimeout(s, "voice-prod", "support-agent"));
        assertEquals(30, stopTimeout(s, "voice-prod", "sales-agent"));
        assertEquals(900, stopTimeout(s, "voice-prod", "outbound-dialer"));
        assertEquals(30, stopTimeout(s, "voice-staging", "transcriber"));
    }

    @Test
    void theSecondReadAsksLiveKitOnlyAboutNewRooms() {
        read();
        long before = sim.requests().count("livekit", "ListParticipants");
        read();
        long after = sim.requests().count("livekit", "ListParticipants");
        assertEquals(before, after, "no new rooms in frozen virtual time → no ListParticipants");
    }

    private static int stopTimeout(FleetSnapshot s, String cluster, String service) {
        return s.service(cluster, service).orElseThrow().tasks().get(0).stopTimeout().seconds();
    }
}

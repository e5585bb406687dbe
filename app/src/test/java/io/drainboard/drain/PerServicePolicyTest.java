package io.drainboard.drain;

import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's drains go by each service's own settings (its {@code services:} entry over the profile-wide
 * ones): drain budget, call-length prior and cordon, and the fix-it text names the service, not its cluster.
 * small-fleet: cluster voice, service agent (4 busy Fargate tasks, stopTimeout 120 s, ECS Exec not enabled).
 */
class PerServicePolicyTest {
    private static final String SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "small-fleet.yaml").toString();
    private Console console;
    private Simulator sim;

    private FleetSnapshot open(String settings) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO));
        console = Console.onSimulator(ProfileLoader.parse(Path.of("policy.yaml"), "name: policy\nregion: us-east-1\n"
                + "simulator: {scenario: '" + SCENARIO + "'}\nrefresh: 5s\n" + settings), sim);
        return console.refresher().readOnce();
    }

    @AfterEach
    void close() {
        if (console != null) console.close();
    }

    private FleetSnapshot step() {
        sim.advance(Duration.ofSeconds(5));
        return console.refresher().readOnce();
    }

    private static List<TaskSnapshot> agents(FleetSnapshot s) {
        return s.service("voice", "agent").orElseThrow().tasks().stream()
                .sorted(Comparator.comparingInt((TaskSnapshot t) -> t.calls().count()).reversed()).toList();
    }

    @Test
    void theDrainBudgetIsTheServices() throws Exception {
        FleetSnapshot s = open("cordon: {method: none}\ndrain: {budget: 1}\nservices:\n  agent:\n    drain: {budget: 3}\n");
        assertEquals(3, console.actions().drainBudget("voice", "agent"));
        assertEquals(1, console.actions().drainBudget("voice", "dialer"));
        for (TaskSnapshot t : agents(s).subList(0, 3)) console.actions().drain("voice", "agent", t.arn(), "test");
        step();
        assertEquals(List.of(), console.actions().queuedDrains(), "agent's budget of 3 lets all three drain at once");
    }

    @Test
    void theCallLengthPriorIsTheServices() throws Exception {
        // Calls of agent are said to last seconds, so its drain forecasts the task idle within a minute; the
        // profile-wide prior (4 m / 25 m) forecasts many minutes.
        FleetSnapshot s = open("cordon: {method: none}\ncallLength: {median: 4m, p99: 25m}\n"
                + "services:\n  agent:\n    callLength: {median: 5s, p99: 20s}\n");
        TaskSnapshot busy = agents(s).get(0);
        assertTrue(busy.calls().count() > 0, "a busy task");
        console.actions().drain("voice", "agent", busy.arn(), "test");
        DrainStatus d = null;
        for (int i = 0; i < 3; i++) {
            step();
            d = console.actions().drains().get(0);
        }
        assertEquals(DrainPhase.WAITING, d.phase(), d.reason());
        assertTrue(d.reason().contains("predicted idle in <1 m"), d.reason());
    }

    @Test
    void theExecCordonsFixItTextNamesTheServiceNotTheCluster() throws Exception {
        FleetSnapshot s = open("cordon: {method: exec-signal}\n");
        TaskSnapshot t = agents(s).get(0);
        console.actions().drain("voice", "agent", t.arn(), "test");
        DrainStatus d = null;
        for (int i = 0; i < 4 && (d == null || d.phase() != DrainPhase.FAILED); i++) {
            step();
            d = console.actions().drains().get(0);
        }
        assertEquals(DrainPhase.FAILED, d.phase(), d.reason());
        assertTrue(d.reason().contains("ECS Exec is not enabled on service agent: run aws ecs update-service --cluster"
                + " voice --service agent"), d.reason());
    }
}

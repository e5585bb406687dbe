package io.drainboard;

import io.drainboard.drain.NotShownException;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.rollout.HeadlessRollout;
import io.drainboard.rollout.RolloutJournal;
import io.drainboard.rollout.RolloutSpec;
import io.drainboard.rollout.RolloutWiring;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.model.CallsHistory;
import io.drainboard.ui.model.Digester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A profile's {@code serviceFilter} on the demo fleet (support-agent and sales-*: outbound-dialer and transcriber
 * left out): the window's digest holds only the named services, and every action on a service left out (a drain,
 * protection, guard mode, a scale-in, a rollout) is refused before anything is audited or sent, while the same
 * actions on a named service go through.
 */
class ServiceFilterTest {
    static final String FILTER = "serviceFilter: [support-agent, 'sales-*']\n";

    @TempDir
    Path data;
    private final String before = System.getProperty("drainboard.dataDir");
    private Simulator sim;
    private Console console;

    /** profiles/demo.yaml with the filter: the demo's own per-service settings stay as they are. */
    static String filteredDemo() throws Exception {
        Path demo = Files.exists(Path.of("profiles", "demo.yaml")) ? Path.of("profiles", "demo.yaml")
                : Path.of("..", "profiles", "demo.yaml");
        return Files.readString(demo) + FILTER;
    }

    @BeforeEach
    void open() throws Exception {
        System.setProperty("drainboard.dataDir", data.toString());
        sim = Simulator.start(Simulator.Options.virtual("demo"));
        console = Console.onSimulator(ProfileLoader.parse(Path.of("filtered.yaml"), filteredDemo()), sim);
    }

    @AfterEach
    void close() {
        console.close();
        if (before == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", before);
    }

    private static TaskSnapshot running(FleetSnapshot s, String service) {
        return s.service("voice-prod", service).orElseThrow().tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).findFirst().orElseThrow();
    }

    @Test
    void theWindowShowsOnlyTheNamedServices() {
        FleetSnapshot read = console.refresher().readOnce();
        assertEquals(Set.of("outbound-dialer", "sales-agent", "support-agent", "transcriber"),
                read.services().map(ServiceSnapshot::name).collect(Collectors.toSet()), "the fleet is read whole");
        Profile p = console.profile();
        Digester d = new Digester(new CallsHistory(), svc -> p.forService(svc.clusterName(),
                svc.name()), io.drainboard.drain.ProtectionGrants::new, p::showsService);
        FleetSnapshot shown = d.digest(read).snapshot();
        assertEquals(Set.of("sales-agent", "support-agent"), shown.services().map(ServiceSnapshot::name)
                .collect(Collectors.toSet()));
        assertTrue(d.digest(console.refresher().readOnce()).rows().stream().allMatch(r -> r.task().serviceName()
                .equals("support-agent") || r.task().serviceName().equals("sales-agent")));
    }

    @Test
    void noActionReachesAServiceLeftOut() {
        FleetSnapshot s = console.refresher().readOnce();
        TaskSnapshot hidden = running(s, "outbound-dialer");
        var a = console.actions();
        List<Runnable> refused = List.of(
                () -> a.drain("voice-prod", "outbound-dialer", hidden.arn(), "chg-1"),
                () -> a.drain("voice-prod", "support-agent", hidden.arn(), "chg-1"), // a named service, a task of another
                () -> a.protect("voice-prod", List.of(hidden.arn()), 30, "chg-1"),
                () -> a.release("voice-prod", List.of(hidden.arn()), "chg-1"),
                () -> a.guard("voice-prod", "outbound-dialer", true, "chg-1"),
                () -> a.scaleIn("voice-prod", "outbound-dialer", 1, "chg-1"));
        for (Runnable r : refused) {
            NotShownException e = assertThrows(NotShownException.class, r::run);
            assertTrue(e.getMessage().contains("outbound-dialer is not in this profile's serviceFilter"), e.getMessage());
        }
        try (RolloutWiring w = console.rolloutWiring(new RolloutJournal(data.resolve("rollouts")))) {
            ServiceSnapshot svc = s.service("voice-prod", "outbound-dialer").orElseThrow();
            RolloutSpec spec = new RolloutSpec("voice-prod", "outbound-dialer", svc.arn(), svc.taskDefinitionArn(), "old",
                    svc.taskDefinitionArn(), "new", w.settings("voice-prod", "outbound-dialer", 1));
            assertThrows(NotShownException.class, () -> w.effects(spec));
        }
        console.refresher().readOnce();
        for (String op : List.of("UpdateTaskProtection", "ExecuteCommand", "StopTask", "UpdateService", "TagResource")) {
            assertEquals(0, sim.requests().count("ecs", op), op + " sent for a service left out");
        }
        assertEquals(List.of(), console.actions().audit().recent(100), "nothing audited");

        // A named service is acted on as before.
        TaskSnapshot named = running(s, "support-agent");
        a.protect("voice-prod", List.of(named.arn()), 30, "chg-2");
        assertEquals(1, sim.requests().count("ecs", "UpdateTaskProtection"));
    }

    @Test
    void aHeadlessRolloutOfAServiceLeftOutExitsWithAUsageError() throws Exception {
        Path profile = Files.writeString(data.resolve("filtered.yaml"), filteredDemo());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HeadlessRollout.main(List.of("--rollout", "--profile", profile.toString(), "--service",
                "voice-prod/outbound-dialer", "--task-definition", "outbound-dialer:9"),
                new PrintStream(out, true, StandardCharsets.UTF_8), Console::open);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.USAGE.code(), code, text);
        assertTrue(text.startsWith("error: service outbound-dialer is not in this profile's serviceFilter [support-agent, sales-*]"),
                text);
    }
}

package io.drainboard.scaling.lab;

import io.drainboard.Console;
import io.drainboard.history.History;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.scaling.CheckSettings;
import io.drainboard.scaling.ReadinessCheck;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scaling-lab} on a service read from the simulator: exit 4 when a policy cuts calls, 0 when none does. */
class ScalingLabCommandTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "small-fleet.yaml");

    @Test
    void exitsWithFindingsWhenAPolicyCutsCalls() throws Exception {
        Profile p = ProfileLoader.parse(Path.of("lab.yaml"), "name: lab\nregion: us-east-1\nsimulator: {scenario: "
                + SCENARIO.toAbsolutePath() + "}\ncalls: {source: worker}\ncallLength: {median: 4m, p99: 20m}\n");
        try (Console console = Console.onSimulator(p, Simulator.start(Simulator.Options.virtual(SCENARIO.toString())))) {
            History none = History.none(console.clock(), "not needed");
            ReadinessCheck check = new ReadinessCheck(p, console.aws(), none, console.clock(),
                    new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7)));
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            ExitCode cutting = ScalingLabCommand.run(check, none, console.refresher().readOnce(), p,
                    ScalingLabCommand.Args.parse(List.of("scaling-lab", "--profile", "lab.yaml", "--service", "voice/agent",
                            "--shape", "crisis-surge", "--peak", "24", "--policy", "recommended",
                            "--policy", "recommended:protect=false,in=60")),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCode.FINDINGS, cutting, text + err.toString(StandardCharsets.UTF_8));
            assertTrue(text.contains("crisis-surge over 1440 min, peak 24 sessions, FARGATE, 4 sessions a task, stopTimeout 120 s"), text);
            assertTrue(text.contains("a policy cut calls: [recommended:protect=false,in=60]"), text);
            assertEquals(ExitCode.USAGE, ScalingLabCommand.run(check, none, console.refresher().readOnce(), p,
                    ScalingLabCommand.Args.parse(List.of("--profile", "lab.yaml", "--service", "voice/agent", "--shape",
                            "tuesday")), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        }
    }
}

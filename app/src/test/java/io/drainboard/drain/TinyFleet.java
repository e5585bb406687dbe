package io.drainboard.drain;

import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallCounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engines' fast tier's rig: a console on a small scenario (a few busy tasks with calls of seconds), in virtual
 * time over the real clients, one refresh a step. Small enough to run under mutation testing (docs/benchmarks.md,
 * "Test strength"). Each rig has its own profile name, so its audit entries are told apart from other tests' in the
 * shared data directory.
 */
final class TinyFleet implements AutoCloseable {
    private final String scenario;
    private final Duration refresh;
    final String profile;
    Simulator sim;
    Console console;
    /** The console's last reading. */
    FleetSnapshot last;

    /** @param scenario a file of the simulator's test scenarios, e.g. drain-tiny.yaml */
    TinyFleet(String scenario, Duration refresh) {
        this.scenario = Path.of("..", "simulator", "src", "test", "resources", "scenarios", scenario).toString();
        this.refresh = refresh;
        this.profile = scenario.replace(".yaml", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts the simulator and a console on it, with these profile lines added, and reads the fleet once. */
    Console open(String settings) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(scenario));
        console = Console.onSimulator(ProfileLoader.parse(Path.of(profile + ".yaml"), "name: " + profile
                + "\nregion: us-east-1\nsimulator: {scenario: '" + scenario + "'}\nrefresh: " + refresh.toSeconds()
                + "s\n" + settings), sim);
        last = console.refresher().readOnce();
        return console;
    }

    /** One refresh interval of virtual time, then a reading. */
    FleetSnapshot step() {
        sim.advance(refresh);
        last = console.refresher().readOnce();
        return last;
    }

    /** Steps until the reading satisfies {@code p}, at most {@code max} steps. */
    void until(Predicate<FleetSnapshot> p, int max) {
        for (int i = 0; i < max && !p.test(last); i++) step();
    }

    /** The simulator's ground truth of a service's calls. */
    CallCounts truth(String cluster, String service) {
        return sim.model().read(m -> m.callCounts(m.cluster(cluster).orElseThrow().services().get(service)));
    }

    /**
     * What this rig's console audited: every audit file of the shared data directory, this profile's entries only
     * (other tests' consoles write there too, on other virtual dates; {@code recent} reads only the latest files).
     */
    List<String> audited() {
        Pattern action = Pattern.compile("\"action\":\"([^\"]+)\"");
        List<String> out = new ArrayList<>();
        try (var files = Files.list(console.actions().audit().directory())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = action.matcher(line);
                    if (line.contains("\"profile\":\"" + profile + "\"") && m.find()) out.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        if (console != null) console.close();
    }
}

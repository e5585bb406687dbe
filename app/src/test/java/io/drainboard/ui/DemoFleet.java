package io.drainboard.ui;

import io.drainboard.Console;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One console on the demo scenario in virtual time, shared by the window tests of a class: opening a
 * simulator costs seconds, a window costs little. Nothing refreshes on its own; {@link #refresh} reads
 * once, and {@link #advance} moves the simulator's clock (calls start and end).
 */
final class DemoFleet implements AutoCloseable {
    /** profiles/demo.yaml from the module directory (tests) or the repository root (benchmark, tour). */
    static final Path PROFILE = java.nio.file.Files.exists(Path.of("profiles", "demo.yaml"))
            ? Path.of("profiles", "demo.yaml") : Path.of("..", "profiles", "demo.yaml");
    final Console console;
    final Simulator sim;

    DemoFleet() {
        this(PROFILE);
    }

    /** The demo scenario under another profile (a test's variant of demo.yaml). */
    DemoFleet(Path profile) {
        Profile p;
        try {
            p = ProfileLoader.load(profile);
        } catch (io.drainboard.profile.ProfileException e) {
            throw new IllegalStateException(String.join("\n", e.problems()), e);
        }
        sim = Simulator.start(Simulator.Options.virtual("demo"));
        console = Console.onSimulator(p, sim);
    }

    long refresh() {
        return console.refresher().readOnce().sequence();
    }

    void advance(Duration d) {
        sim.clock().advance(d);
    }

    @Override
    public void close() {
        console.close();
    }
}

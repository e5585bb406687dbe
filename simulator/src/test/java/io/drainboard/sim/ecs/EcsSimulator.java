package io.drainboard.sim.ecs;

import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.util.function.Supplier;

/**
 * A simulator and the real EcsClient on it, for one test class: started on first use, closed after the class.
 * <pre>
 * &#64;RegisterExtension
 * static final EcsSimulator SIM = EcsSimulator.demo();
 * private final Simulator sim = SIM.simulator();
 * private final EcsClient ecs = SIM.ecs();
 * </pre>
 */
final class EcsSimulator implements AfterAllCallback {
    private final Supplier<Simulator> start;
    private Simulator sim;
    private EcsClient ecs;

    private EcsSimulator(Supplier<Simulator> start) {
        this.start = start;
    }

    /** The bundled demo scenario, read-after-write lag off ({@link EcsTestSupport#start}). */
    static EcsSimulator demo() {
        return new EcsSimulator(() -> EcsTestSupport.start("demo"));
    }

    /** A test scenario under src/test/resources/scenarios. */
    static EcsSimulator testScenario(String name) {
        return new EcsSimulator(() -> EcsTestSupport.startTestScenario(name));
    }

    synchronized Simulator simulator() {
        if (sim == null) {
            sim = start.get();
            ecs = EcsTestSupport.client(sim);
        }
        return sim;
    }

    synchronized EcsClient ecs() {
        simulator();
        return ecs;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (ecs != null) ecs.close();
        if (sim != null) sim.close();
        ecs = null;
        sim = null;
    }
}

package io.drainboard.sim.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A conformance test: a fresh simulator fleet for each test, seen through the real clients, closed after it. */
abstract class FleetTest {
    static final String C = Fleet.CLUSTER;
    Fleet f;

    /** The fleet each test starts from: the default scenario unless the test class needs another. */
    Fleet fleet() {
        return new Fleet();
    }

    @BeforeEach
    final void startFleet() {
        f = fleet();
    }

    @AfterEach
    final void stopFleet() {
        f.close();
    }
}

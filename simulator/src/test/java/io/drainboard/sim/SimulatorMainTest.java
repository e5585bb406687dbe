package io.drainboard.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone simulator's arguments: a bad one is one line naming it (main prints it and exits 64), never a trace. */
class SimulatorMainTest {
    @Test
    void badArgumentsAreNamedInOneLine() {
        String[][] cases = {{"--bogus"}, {"--port", "x"}, {"--port"}, {"--port", "70000"}, {"--speed", "NaN"},
                {"--speed", "Infinity"}, {"--speed", "-1"}, {"--scenario", "../../../../../../../../etc/passwd"},
                {"--scenario", "no-such-scenario"}};
        for (String[] args : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatorMain.start(args),
                    String.join(" ", args));
            assertTrue(e.getMessage() != null && !e.getMessage().contains("\n") && !e.getMessage().contains("root:x"),
                    String.join(" ", args) + ": " + e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorMain.start(new String[] {"--bogus"}))
                .getMessage().contains("'--bogus'"));
    }

    @Test
    void helpPrintsTheUsageAndStartsNothing() {
        assertNull(SimulatorMain.start(new String[] {"--help"}));
    }
}

package io.drainboard.drain;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The renewal scenario that guard mode ({@link GuardRenewalScenarioTest}) and the guard service
 * ({@code guard.GuardServiceRenewalTest}) both pass: guard-scale-in.yaml's steady, busy service of 8 tasks watched on
 * the simulator's ground truth for 2 h 10 min — past the first 120-minute leases — in 1 min steps.
 */
public final class RenewalWatch {
    public static final String SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "guard-scale-in.yaml").toString();

    private RenewalWatch() {
    }

    /**
     * Runs the 2 h 10 min: each minute {@code advance}, then counts the running tasks (past their first minute) that
     * ground truth shows unprotected before the guard acts — a lapsed lease shows here — then {@code act}.
     *
     * @return how many such task-minutes there were
     */
    public static int unprotectedTaskMinutes(Simulator sim, Runnable advance, Runnable act) {
        int seen = 0;
        for (int i = 0; i < 2 * 60 + 10; i++) {
            advance.run();
            seen += sim.model().read(m -> (int) agent(sim).stream()
                    .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                    .filter(t -> sim.clock().instant().isAfter(t.startedAt().plus(Duration.ofMinutes(1))))
                    .filter(t -> !t.isProtected()).count());
            act.run();
        }
        return seen;
    }

    /** All 8 tasks still run, none was seen unprotected, and each lease was renewed (more than 50 minutes left). */
    public static void assertEveryTaskRenewed(Simulator sim, int unprotectedSeen, String log) {
        List<TaskState> live = sim.model().read(m -> agent(sim).stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList());
        assertEquals(8, live.size());
        assertEquals(0, unprotectedSeen, "a task ran unprotected between two refreshes:\n" + log);
        assertTrue(live.stream().allMatch(t -> t.isProtected()
                && t.protectionExpiresAt().isAfter(sim.clock().instant().plus(Duration.ofMinutes(50)))), "renewed:\n" + log);
    }

    private static List<TaskState> agent(Simulator sim) {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks());
    }
}

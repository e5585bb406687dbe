package io.drainboard.ui.rollout;

import io.drainboard.rollout.Direction;
import io.drainboard.rollout.RolloutPhase;
import io.drainboard.rollout.RolloutStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the wizard's run page says for one rollout status (no toolkit needed: properties only). */
class RolloutWizardModelTest {
    private static RolloutStatus status(int leaned) {
        return new RolloutStatus("r", "voice/agent", "agent:1", "agent:2", Direction.FORWARD, RolloutPhase.REPLACING, 20, 3,
                List.of(), leaned, "draining", Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Instant.EPOCH, new io.drainboard.stops.StopsSummary(List.of()));
    }

    @Test
    void progressSaysHowManyOldTasksAreLeaned() {
        RolloutWizardModel m = new RolloutWizardModel();
        m.status(status(12));
        assertEquals("3 of 20 tasks replaced · replacing tasks · 12 old tasks leaned", m.progressText.get());
        m.status(status(0));
        assertEquals("3 of 20 tasks replaced · replacing tasks", m.progressText.get());
    }

    @Test
    void taskIdsReadAsInTheTaskTable() {
        org.junit.jupiter.api.Assertions.assertEquals("0f3c9a1e5b7d · waiting · replacement 9a8b7c6d5e4f waiting for its first call",
                RolloutWizardModel.shortIds("0f3c9a1e5b7d4c2a9e8f6b1d3c5a7e90 · waiting · replacement"
                        + " 9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d waiting for its first call"));
    }
}

package io.drainboard.drain;

import io.drainboard.SimClients;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.Rules;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signal mark through the real ECS client against the simulator, whose reads lag a write by up to
 * {@code readAfterWriteLag}: a mark is acted on only once ECS's reads show it, and of two consoles marking the same
 * worker at once exactly one signals it.
 */
class SignalMarkTest {
    static final String SCENARIO = java.nio.file.Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "rollout-small.yaml").toString();

    @Test
    void twoConsolesMarkingOneWorkerUnderLaggingReadsSignalItOnce() {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(SCENARIO))) {
            sim.model().setRules(Rules.DEFAULT.withReadAfterWriteLag(Duration.ofSeconds(30)));
            String task = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().get(0).arn());
            EcsClient ecs = SimClients.ecs(sim);
            ServiceTagGateway tags = new ServiceTagGateway(ecs);
            SignalMark a = new SignalMark(tags, sim.clock(), "a@host-a pid=1");
            SignalMark b = new SignalMark(tags, sim.clock(), "b@host-b pid=2");
            List<String> mine = new ArrayList<>();
            int waited = 0;
            for (int i = 0; i < 90; i++) { // both ask on every refresh, as two drains of the same task would
                for (var who : List.of(a, b)) {
                    SignalMark.Claim c = who.claim(task);
                    if (c.kind() == SignalMark.Claim.Kind.MINE) mine.add(c.mark());
                    if (c.kind() == SignalMark.Claim.Kind.WAITING) waited++;
                }
                sim.advance(Duration.ofSeconds(1));
            }
            assertEquals(1, mine.size(), "exactly one signal: " + mine);
            assertTrue(waited > 0, "the marks were written while reads still lagged");
            assertEquals(mine.get(0), sim.model().tags(task).get(SignalMark.TAG), "the mark that stands is the signaller's");
            assertEquals(2, sim.requests().count("ecs", "TagResource"), "each console wrote its mark once");
        }
    }

    @Test
    void withReadsThatShowAWriteAtOnceTheMarkIsTheWritersAtOnce() {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(SCENARIO))) {
            sim.model().setRules(Rules.DEFAULT.withReadAfterWriteLag(Duration.ZERO));
            String task = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().get(0).arn());
            ServiceTagGateway tags = new ServiceTagGateway(SimClients.ecs(sim));
            SignalMark a = new SignalMark(tags, sim.clock(), "a@host-a pid=1");
            assertEquals(SignalMark.Claim.Kind.MINE, a.claim(task).kind());
            // Asked again (a retried cordon), the same console sees a mark already there: never a second signal.
            assertEquals(SignalMark.Claim.Kind.OTHER, a.claim(task).kind());
            assertEquals(SignalMark.Claim.Kind.OTHER, new SignalMark(tags, sim.clock(), "b@host-b pid=2").claim(task).kind());
        }
    }
}

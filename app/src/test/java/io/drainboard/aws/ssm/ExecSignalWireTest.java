package io.drainboard.aws.ssm;

import io.drainboard.SimClients;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the console's ExecSignal calls the real EcsClient's ExecuteCommand on the simulator, opens
 * the Session Manager data channel it returns, and only then does the worker get its SIGTERM.
 */
class ExecSignalWireTest {
    private final Simulator sim = Simulator.start(Simulator.Options.virtual("demo"));
    private final EcsClient ecs = SimClients.ecs(sim);
    private final ExecSignal signal = new ExecSignal(ecs, new ExecSession(), Duration.ofSeconds(20));

    @AfterEach
    void close() {
        ecs.close();
        sim.close();
    }

    private TaskState task(String cluster, String service) {
        return sim.model().read(m -> m.cluster(cluster).orElseThrow().services().get(service).tasks().get(0));
    }

    private boolean draining(TaskState t) {
        return sim.model().<Boolean>read(m -> t.workerDraining());
    }

    @Test
    void killTermOneThroughEcsExecDrainsTheWorker() {
        TaskState t = task("voice-prod", "support-agent");
        assertFalse(draining(t));
        ExecResult r = signal.run("voice-prod", "support-agent", t.arn(), Optional.empty(), "kill -TERM 1");
        assertEquals(ExecResult.Ending.CHANNEL_CLOSED, r.ending(), r.toString());
        assertTrue(draining(t), "the worker drains once the channel ran the command");
    }

    @Test
    void aServiceWithoutEcsExecSaysHowToEnableIt() {
        TaskState t = task("voice-prod", "sales-agent"); // enableExecuteCommand is off in the demo
        ExecFailure e = assertThrows(ExecFailure.class,
                () -> signal.run("voice-prod", "sales-agent", t.arn(), Optional.empty(), "kill -TERM 1"));
        assertEquals(ExecFailure.Kind.EXEC_NOT_ENABLED, e.kind());
        assertTrue(e.getMessage().contains("enable-execute-command"), e.getMessage());
        assertFalse(draining(t));
    }
}

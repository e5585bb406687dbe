package io.drainboard.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which ECS Exec commands reach the worker, now or when the data channel runs them. */
class ExecCommandTest {
    @Test
    void onlyTheServicesSignalCommandInTheWorkerContainerSignals() {
        ModelTestFleet f = new ModelTestFleet();
        WorkerSpec shellPid1 = new WorkerSpec(4, Duration.ofMinutes(60), "a", true, WorkerSpec.Runtime.PYTHON, 0, false,
                "pkill -TERM -f agent.py");
        ServiceState s = f.service("a", 2, shellPid1, 0);
        TaskState t = f.live(s).get(0);
        assertFalse(f.model.executeCommand(t, "agent", "kill -TERM 1").signalledWorker(), "a shell PID 1 swallows it");
        assertFalse(f.model.executeCommand(t, "sidecar", "pkill -TERM -f agent.py").signalledWorker());
        assertEquals(WorkerState.SERVING, t.worker());
        assertTrue(f.model.executeCommand(t, "agent", "  pkill  -TERM -f agent.py ").signalledWorker());
        assertEquals(WorkerState.DRAINING, t.worker());
    }

    @Test
    void deferredCommandsWaitForTheDataChannel() {
        ModelTestFleet f = new ModelTestFleet();
        ServiceState s = f.service("a", 1, new WorkerSpec(4, Duration.ofMinutes(60), "a"), 0);
        TaskState t = f.live(s).get(0);
        f.model.deferExecCommands(true);
        ExecSession session = f.model.executeCommand(t, "agent", "kill -TERM 1");
        assertFalse(session.signalledWorker());
        assertEquals(WorkerState.SERVING, t.worker());
        assertTrue(f.model.runExecCommand(session.sessionId(), "kill -TERM 1"));
        assertEquals(WorkerState.DRAINING, t.worker());
        assertFalse(f.model.runExecCommand("ecs-execute-command-nope", "kill -TERM 1"));
    }
}

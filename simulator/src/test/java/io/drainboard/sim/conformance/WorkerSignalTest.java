package io.drainboard.sim.conformance;

import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.TaskState;
import io.drainboard.sim.model.WorkerState;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's answer to signals (SIGTERM via ECS Exec, StopTask, a second signal) and its calls. */
class WorkerSignalTest extends FleetTest {

    private WorkerState worker(TaskState t) {
        return f.sim.model().read(m -> t.worker());
    }

    @Test
    void sigtermViaExecDrainsTheWorkerWhichExitsCleanAndIsReplaced() {
        TaskState t = f.liveTasks("agent").get(0);
        f.call(t, Duration.ofMinutes(3));
        f.call(t, Duration.ofMinutes(5));
        ExecuteCommandResponse r = f.ecs.executeCommand(b -> b.cluster(Fleet.CLUSTER).task(t.arn()).interactive(true)
                .command("kill -TERM 1"));
        assertEquals("agent", r.containerName());
        assertTrue(r.interactive());
        assertTrue(r.session().sessionId().startsWith("ecs-execute-command-"));
        assertTrue(r.session().streamUrl().startsWith("ws://127.0.0.1:"), r.session().streamUrl());
        assertTrue(r.session().streamUrl().contains(r.session().sessionId()), r.session().streamUrl());
        assertTrue(r.session().tokenValue().length() > 20);
        f.sim.model().runExecCommand(r.session().sessionId(), "kill -TERM 1"); // what the data channel does

        f.advance(Duration.ofMinutes(4));
        Task mid = f.describe(t);
        assertEquals("RUNNING", mid.lastStatus(), "ECS did not start any stop: no stopTimeout runs");
        assertEquals(WorkerState.DRAINING, worker(t));

        f.advance(Duration.ofMinutes(2));
        Task done = f.describe(t);
        assertEquals("STOPPED", done.lastStatus());
        assertEquals("EssentialContainerExited", done.stopCodeAsString());
        assertEquals("Essential container in task exited", done.stoppedReason());
        assertEquals(0, done.containers().get(0).exitCode());
        CallCounts c = f.counts(t);
        assertEquals(0, c.cut());
        assertEquals(2, c.endedNormally());
        assertEquals(4, f.describe("agent").runningCount(), "the service replaced it");
        assertTrue(f.events("agent").stream().anyMatch(e -> e.startsWith("(service agent) has started 1 tasks: (task ")));
    }

    @Test
    void aSecondSigtermKillsThePythonWorkerAndCutsItsCalls() {
        TaskState t = f.liveTasks("agent").get(0);
        f.call(t, Duration.ofMinutes(20));
        f.call(t, Duration.ofMinutes(30));
        f.execSigterm(t);
        f.advance(Duration.ofSeconds(30));
        f.execSigterm(t);
        f.advance(Duration.ofSeconds(30));
        Task done = f.describe(t);
        assertEquals("STOPPED", done.lastStatus());
        assertEquals("EssentialContainerExited", done.stopCodeAsString());
        assertEquals(1, done.containers().get(0).exitCode(), "os._exit(1)");
        assertEquals(2, f.counts(t).cutBySecondSignal());
        assertEquals(2, f.sim.groundTruth().cutBySecondSignal());
    }

    @Test
    void aSecondSigtermKillsTheNodeWorkerWith143() {
        TaskState t = f.liveTasks("node-agent").get(0);
        f.call(t, Duration.ofMinutes(20));
        f.execSigterm(t);
        f.execSigterm(t);
        f.advance(Duration.ofSeconds(30));
        assertEquals(143, f.describe(t).containers().get(0).exitCode());
        assertEquals(1, f.counts(t).cutBySecondSignal());
    }

    @Test
    void stopTaskOnAnAlreadySignalledWorkerIsTheSecondSignal() {
        TaskState t = f.liveTasks("agent").get(0);
        f.call(t, Duration.ofMinutes(20));
        f.execSigterm(t);
        f.advance(Duration.ofSeconds(10));
        f.ecs.stopTask(b -> b.cluster(Fleet.CLUSTER).task(t.arn()).reason("rolling by hand"));
        f.advance(Duration.ofSeconds(30));
        Task done = f.describe(t);
        assertEquals("STOPPED", done.lastStatus());
        assertEquals("UserInitiated", done.stopCodeAsString());
        assertEquals("rolling by hand", done.stoppedReason());
        assertEquals(1, done.containers().get(0).exitCode());
        assertEquals(1, f.counts(t).cutBySecondSignal());
    }

    @Test
    void stopTaskOnEc2WithA900sStopTimeoutLetsShorterCallsFinish() {
        TaskState t = f.liveTasks("dialer").get(0);
        assertEquals(Duration.ofSeconds(900), f.sim.model().read(m -> t.stopTimeout()));
        f.call(t, Duration.ofMinutes(5));
        f.call(t, Duration.ofMinutes(14));
        f.call(t, Duration.ofMinutes(20));
        Task stopping = f.ecs.stopTask(b -> b.cluster(Fleet.CLUSTER).task(t.arn()).reason("maintenance")).task();
        assertEquals("STOPPED", stopping.desiredStatus());
        f.advance(Duration.ofMinutes(10));
        Task mid = f.describe(t);
        assertEquals("STOPPING", mid.lastStatus());
        assertEquals(WorkerState.DRAINING, worker(t));
        f.advance(Duration.ofMinutes(6));
        Task done = f.describe(t);
        assertEquals("STOPPED", done.lastStatus());
        assertEquals("UserInitiated", done.stopCodeAsString());
        assertEquals("maintenance", done.stoppedReason());
        assertEquals(137, done.containers().get(0).exitCode());
        assertEquals(Duration.ofSeconds(900), Duration.between(done.stoppingAt(), done.executionStoppedAt()));
        CallCounts c = f.counts(t);
        assertEquals(2, c.endedNormally(), "5- and 14-minute calls finish inside 900 s");
        assertEquals(1, c.cutBySigkill(), "the 20-minute call does not");
    }

    @Test
    void aWorkerThatIgnoresSigtermKeepsTakingCalls() {
        TaskState ignoring = f.liveTasks("busy").get(0);
        TaskState draining = f.liveTasks("steady").get(0);
        f.execSigterm(ignoring);
        f.execSigterm(draining);
        long before = f.counts(ignoring).started();
        long beforeDraining = f.counts(draining).started();
        f.advance(Duration.ofMinutes(10));
        assertEquals(WorkerState.IGNORING_SIGTERM, worker(ignoring));
        assertEquals("RUNNING", f.describe(ignoring).lastStatus());
        assertTrue(f.counts(ignoring).started() > before + 3, "new calls keep arriving on the signalled worker");
        assertEquals(beforeDraining, f.counts(draining).started(), "a draining worker takes none");
    }

    @Test
    void execNeedsEnableExecuteCommandAndInteractive() {
        TaskState ec2 = f.liveTasks("dialer").get(0);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> f.execSigterm(ec2));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("The execute command failed because execute command was not enabled"));
        TaskState t = f.liveTasks("agent").get(0);
        InvalidParameterException batch = assertThrows(InvalidParameterException.class, () -> f.ecs.executeCommand(b -> b
                .cluster(Fleet.CLUSTER).task(t.arn()).interactive(false).command("kill -TERM 1")));
        assertEquals("Interactive is the only mode supported currently.", batch.awsErrorDetails().errorMessage());
        f.ecs.executeCommand(b -> b.cluster(Fleet.CLUSTER).task(t.arn()).interactive(true).command("ls /"));
        assertEquals(WorkerState.SERVING, worker(t), "other commands leave the worker alone");
    }

    @Test
    void theDrainRouteCordonsWithoutExiting() {
        TaskState t = f.liveTasks("steady").get(0);
        boolean cordoned = f.sim.model().read(m -> m.cordonWorker(t));
        assertTrue(cordoned);
        long started = f.counts(t).started();
        f.advance(Duration.ofMinutes(30));
        assertEquals(started, f.counts(t).started());
        assertEquals(WorkerState.CORDONED, worker(t));
        assertEquals("RUNNING", f.describe(t).lastStatus());
        int active = f.sim.model().read(m -> m.activeCalls(t));
        assertTrue(active <= f.counts(t).started());
        TaskState other = f.liveTasks("agent").get(0);
        boolean noRoute = f.sim.model().read(m -> m.cordonWorker(other));
        assertTrue(!noRoute, "agent serves no drain route");
    }
}

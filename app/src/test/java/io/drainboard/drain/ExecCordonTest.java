package io.drainboard.drain;

import io.drainboard.aws.ssm.ExecFailure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.EcsException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failed exec cordons may be sent again (refused by ECS) and which may have reached the worker. */
class ExecCordonTest {
    private static ExecFailure failed(int status) {
        EcsException e = (EcsException) EcsException.builder().statusCode(status).message("x").build();
        return new ExecFailure(ExecFailure.Kind.EXECUTE_COMMAND_FAILED, "ECS refused ExecuteCommand", e);
    }

    @Test
    void refusedBeforeAcceptanceIsNotSentAndAnythingAfterIsUncertain() {
        assertEquals(CordonOutcome.Kind.NOT_SENT, ExecCordon.classify(failed(400)).kind(), "throttled");
        assertEquals(CordonOutcome.Kind.UNCERTAIN, ExecCordon.classify(failed(503)).kind(), "5xx");
        assertEquals(CordonOutcome.Kind.NOT_SENT, ExecCordon.classify(
                new ExecFailure(ExecFailure.Kind.EXEC_NOT_ENABLED, "not enabled")).kind());
        for (ExecFailure.Kind k : new ExecFailure.Kind[]{ExecFailure.Kind.CANNOT_CONNECT, ExecFailure.Kind.AGENT_SILENT,
                ExecFailure.Kind.CONNECTION_LOST, ExecFailure.Kind.TIMED_OUT}) {
            assertEquals(CordonOutcome.Kind.UNCERTAIN, ExecCordon.classify(new ExecFailure(k, "m")).kind(), k.name());
        }
    }
}

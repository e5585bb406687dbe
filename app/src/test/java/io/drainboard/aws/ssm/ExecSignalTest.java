package io.drainboard.aws.ssm;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.TargetNotConnectedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ExecuteCommand's errors, as ECS words them, become what the operator should do. */
class ExecSignalTest {
    private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/voice/0123456789abcdef";

    private static <B extends EcsException.Builder> EcsException error(B builder, String code, int status, String msg) {
        return (EcsException) builder.message(msg).statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(msg).build()).build();
    }

    @Test
    void execNotEnabledSaysHowToEnableIt() {
        // The message ECS returns when the task was started without enableExecuteCommand.
        ExecFailure f = ExecSignal.explain(error(InvalidParameterException.builder(), "InvalidParameterException", 400,
                "The execute command failed because execute command was not enabled when the task was run or the"
                        + " execute command agent isn't running. Wait and try again or run a new task with execute"
                        + " command enabled and try again."), "agents", "voice", TASK);
        assertEquals(ExecFailure.Kind.EXEC_NOT_ENABLED, f.kind());
        assertTrue(f.getMessage().startsWith("ECS Exec is not enabled on service agents"), f.getMessage());
        assertTrue(f.getMessage().contains("--enable-execute-command"), f.getMessage());
    }

    @Test
    void agentNotConnectedNamesThePermissionsAndTheRoute() {
        ExecFailure f = ExecSignal.explain(error(TargetNotConnectedException.builder(), "TargetNotConnectedException",
                400, "The execute command cannot run"), "agents", "voice", TASK);
        assertEquals(ExecFailure.Kind.AGENT_NOT_CONNECTED, f.kind());
        assertTrue(f.getMessage().contains("0123456789abcdef") && f.getMessage().contains("ssmmessages"),
                f.getMessage());
    }

    @Test
    void accessDeniedNamesTheAction() {
        ExecFailure f = ExecSignal.explain(error(AccessDeniedException.builder(), "AccessDeniedException", 400,
                "User is not authorized to perform: ecs:ExecuteCommand"), "agents", "voice", TASK);
        assertEquals(ExecFailure.Kind.NOT_PERMITTED, f.kind());
        assertTrue(f.getMessage().contains("ecs:ExecuteCommand"));
    }

    @Test
    void anythingElseKeepsEcssOwnWords() {
        ExecFailure f = ExecSignal.explain(error(ClusterNotFoundException.builder(), "ClusterNotFoundException", 400,
                "Cluster not found."), "agents", "voice", TASK);
        assertEquals(ExecFailure.Kind.EXECUTE_COMMAND_FAILED, f.kind());
        assertTrue(f.getMessage().endsWith("Cluster not found."), f.getMessage());
    }
}

package io.drainboard.aws.ssm;

import io.drainboard.aws.NoRegionException;
import io.drainboard.aws.Regional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandRequest;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.TargetNotConnectedException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The exec-signal cordon (DESIGN.md §3): ECS ExecuteCommand runs the profile's command (default
 * {@code kill -TERM 1}) in the task's container, then {@link ExecSession} carries the session to its end,
 * as {@code aws ecs execute-command} hands the response to the session-manager-plugin
 * (aws-cli awscli/customizations/ecs/executecommand.py ExecuteCommandCaller.invoke).
 */
public final class ExecSignal {
    private final Regional<EcsClient> ecs;
    private final ExecSession session;
    private final Duration timeout;

    public ExecSignal(EcsClient ecs, ExecSession session, Duration timeout) {
        this(Regional.ofClient(ecs), session, timeout);
    }

    /** ExecuteCommand goes to the region and account of the task's ARN. */
    public ExecSignal(Regional<EcsClient> ecs, ExecSession session, Duration timeout) {
        this.ecs = ecs;
        this.session = session;
        this.timeout = timeout;
    }

    /**
     * @param service   the task's service, named in messages
     * @param container empty = the task's only container (ExecuteCommand requires a name when there are several)
     * @throws ExecFailure with an operator message when the command could not run or its outcome is unknown
     */
    public ExecResult run(String cluster, String service, String taskArn, Optional<String> container,
                          String command) {
        ExecuteCommandResponse started = start(cluster, service, taskArn, container, command);
        if (started.session() == null || started.session().streamUrl() == null) {
            throw new ExecFailure(ExecFailure.Kind.PROTOCOL, "ExecuteCommand on task " + shortId(taskArn)
                    + " returned no session to connect to");
        }
        return session.run(URI.create(started.session().streamUrl()), started.session().tokenValue(), timeout);
    }

    private ExecuteCommandResponse start(String cluster, String service, String taskArn,
                                         Optional<String> container, String command) {
        // ECS only supports interactive sessions (ECS API Reference, ExecuteCommand: "interactive ... Use
        // this flag to run your command in interactive mode"; the AWS CLI requires --interactive).
        ExecuteCommandRequest.Builder req = ExecuteCommandRequest.builder().cluster(cluster).task(taskArn)
                .command(command).interactive(true);
        container.ifPresent(req::container);
        EcsClient client;
        try {
            client = ecs.forArnOrOnly(taskArn);
        } catch (NoRegionException e) {
            throw new ExecFailure(ExecFailure.Kind.NO_REGION, e.getMessage(), e);
        }
        try {
            return client.executeCommand(req.build());
        } catch (EcsException e) {
            throw explain(e, service, cluster, taskArn);
        } catch (SdkClientException e) {
            throw new ExecFailure(ExecFailure.Kind.EXECUTE_COMMAND_FAILED, "Could not reach ECS to start ECS Exec on"
                    + " task " + shortId(taskArn) + ": " + e.getMessage(), e);
        }
    }

    /** The ExecuteCommand errors an operator can fix, in their words (ECS API Reference, ExecuteCommand, Errors). */
    static ExecFailure explain(EcsException e, String service, String cluster, String taskArn) {
        String message = e.awsErrorDetails() == null ? String.valueOf(e.getMessage())
                : String.valueOf(e.awsErrorDetails().errorMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof InvalidParameterException && lower.contains("execute command")
                && (lower.contains("not enabled") || lower.contains("isn't running"))) {
            return new ExecFailure(ExecFailure.Kind.EXEC_NOT_ENABLED, "ECS Exec is not enabled on service " + service
                    + ": run aws ecs update-service --cluster " + cluster + " --service " + service
                    + " --enable-execute-command --force-new-deployment, and let the deployment replace the tasks"
                    + " (a task keeps the setting it started with).", e);
        }
        if (e instanceof TargetNotConnectedException) {
            return new ExecFailure(ExecFailure.Kind.AGENT_NOT_CONNECTED, "The SSM agent in task " + shortId(taskArn)
                    + " of service " + service + " is not connected to Session Manager. Check that the task role allows"
                    + " ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel,"
                    + " that the task can reach ssmmessages (NAT or a VPC endpoint), and that DescribeTasks shows the"
                    + " ExecuteCommandAgent RUNNING.", e);
        }
        if (e instanceof AccessDeniedException || e.statusCode() == 403) {
            return new ExecFailure(ExecFailure.Kind.NOT_PERMITTED, "Your AWS identity may not run ECS Exec on "
                    + cluster + ": allow ecs:ExecuteCommand on the cluster and its tasks (" + message + ").", e);
        }
        return new ExecFailure(ExecFailure.Kind.EXECUTE_COMMAND_FAILED, "ECS refused ExecuteCommand on task "
                + shortId(taskArn) + " of service " + service + ": " + message, e);
    }

    private static String shortId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}

package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ClusterState;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.ExecSession;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.TaskDefinitionState;
import io.drainboard.sim.model.TaskState;

import java.util.function.IntSupplier;

/**
 * ExecuteCommand (API Reference "ExecuteCommand"; Developer Guide "Monitor Amazon ECS containers with ECS
 * Exec"). With a data channel ({@link ExecChannels}) the session's streamUrl points at the Session Manager
 * data-channel server and the command runs only when a client opens the channel and completes the
 * handshake, as in ECS; without one the command takes effect when the session is accepted.
 */
final class ExecOps {
    /** The message users see when the task was not started with enableExecuteCommand or its agent is not up. */
    static final String NOT_ENABLED = "The execute command failed because execute command was not enabled when the "
            + "task was run or the execute command agent isn't running. Wait and try again or run a new task with "
            + "execute command enabled and try again.";

    private ExecOps() {
    }

    static ObjectNode execute(FleetModel m, JsonNode request, IntSupplier port, ExecChannels channels) {
        ClusterState cluster = Resolve.cluster(m, Params.string(request, "cluster"));
        String command = Params.required(request, "command", "Command cannot be empty.");
        Boolean interactive = Params.bool(request, "interactive");
        if (!Boolean.TRUE.equals(interactive)) throw AwsException.invalidParameter("Interactive is the only mode supported currently.");
        String ref = Params.required(request, "task", "Task cannot be empty.");
        TaskState t = Resolve.task(m, cluster, ref);
        if (t == null) throw AwsException.invalidParameter("The referenced task was not found.");
        if (!t.enableExecuteCommand() || !"RUNNING".equals(t.lastStatus())) throw AwsException.invalidParameter(NOT_ENABLED);
        TaskDefinitionState td = m.taskDefinition(t.taskDefinitionArn()).orElseThrow();
        ContainerDef container = container(td, Params.string(request, "container"));
        ExecSession session = m.executeCommand(t, container.name(), command);
        ObjectNode out = Json.object();
        out.put("clusterArn", cluster.arn());
        out.put("containerArn", m.arns().container(cluster.name(), t.id(), Ids.uuid(t.arn() + "/" + container.name())));
        out.put("containerName", container.name());
        out.put("interactive", true);
        ObjectNode s = out.putObject("session");
        s.put("sessionId", session.sessionId());
        int p = port.getAsInt();
        s.put("streamUrl", channels != null ? channels.open(session)
                : "ws://127.0.0.1" + (p > 0 ? ":" + p : "") + "/ssm/" + session.sessionId());
        s.put("tokenValue", session.tokenValue());
        out.put("taskArn", t.arn());
        return out;
    }

    /** "container: The name of the container to execute the command on. A container name only needs to be specified for tasks containing multiple containers." */
    private static ContainerDef container(TaskDefinitionState td, String name) {
        if (name == null) {
            if (td.containers().size() > 1) {
                throw AwsException.invalidParameter("A container name must be specified for tasks with multiple containers.");
            }
            return td.containers().get(0);
        }
        for (ContainerDef c : td.containers()) if (c.name().equals(name)) return c;
        throw AwsException.invalidParameter("The container " + name + " was not found in the task.");
    }
}

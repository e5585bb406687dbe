package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ContainerDef;
import io.drainboard.sim.model.TaskDefinitionState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RegisterTaskDefinition's checks (API Reference "RegisterTaskDefinition", "ContainerDefinition", "HealthCheck";
 * Developer Guide "Task definition parameters"; each refusal is a ClientException). Where the documentation
 * gives the rule but not ECS's wording, the message is this simulator's and says what to send instead.
 */
final class Validation {
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "awsvpc", "none");
    private static final Set<String> PID_MODES = Set.of("host", "task");
    private static final Set<String> IPC_MODES = Set.of("host", "task", "none");

    private Validation() {
    }

    /** The containers as the model keeps them; names, images, limits and health checks checked. */
    static List<ContainerDef> containers(JsonNode request) {
        JsonNode defs = request.get("containerDefinitions");
        if (defs == null || !defs.isArray() || defs.isEmpty()) throw AwsException.client("Container list cannot be empty.");
        List<ContainerDef> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : defs) {
            String name = Params.string(c, "name");
            String image = Params.string(c, "image");
            if (name == null || name.isEmpty()) throw AwsException.client("Container.name should not be null or empty.");
            if (image == null || image.isEmpty()) throw AwsException.client("Container.image should not be null or empty.");
            if (!names.add(name)) throw AwsException.client("Container names must be unique; '" + name + "' is used twice.");
            Integer cpu = Params.integer(c, "cpu");
            Integer memory = Params.integer(c, "memory");
            Integer reservation = Params.integer(c, "memoryReservation");
            if (memory != null && reservation != null && reservation > memory) {
                throw AwsException.client("Invalid setting for container '" + name + "'. The memoryReservation ("
                        + reservation + ") must be at most memory (" + memory + ").");
            }
            Boolean essential = Params.bool(c, "essential");
            Integer stopTimeout = Params.integer(c, "stopTimeout");
            out.add(new ContainerDef(name, image, cpu == null ? 0 : cpu, memory == null ? 0 : memory,
                    essential == null || essential, stopTimeout, reservation, healthCheck(name, c.get("healthCheck"))));
        }
        if (out.stream().noneMatch(ContainerDef::essential)) {
            throw AwsException.client("At least one container in the task definition must be essential.");
        }
        return out;
    }

    /** Checks across the definition: network, pid and ipc modes, Fargate's requirements, EC2's memory rule. */
    static void definition(JsonNode request, List<String> requires, String networkMode, String cpu, String memory,
                           List<ContainerDef> containers) {
        if (networkMode != null && !NETWORK_MODES.contains(networkMode)) {
            throw AwsException.client("Invalid networkMode " + networkMode + ": use bridge, host, awsvpc or none.");
        }
        String pidMode = Params.string(request, "pidMode");
        if (pidMode != null && !PID_MODES.contains(pidMode)) throw AwsException.client("Invalid pidMode " + pidMode + ": use host or task.");
        String ipcMode = Params.string(request, "ipcMode");
        if (ipcMode != null && !IPC_MODES.contains(ipcMode)) {
            throw AwsException.client("Invalid ipcMode " + ipcMode + ": use host, task or none.");
        }
        for (String lt : requires) {
            if (!Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES").contains(lt)) {
                throw AwsException.client("Invalid requiresCompatibilities value " + lt + ".");
            }
        }
        if (requires.contains("FARGATE")) {
            if (!"awsvpc".equals(networkMode)) throw AwsException.client("Fargate only supports network mode ‘awsvpc’.");
            if (cpu == null) throw AwsException.client("Fargate requires that 'cpu' be defined at the task level.");
            if (memory == null) throw AwsException.client("Fargate requires that 'memory' be defined at the task level.");
            // "pidMode … If task is using the Fargate launch type, the only allowed value is task" and ipcMode
            // "is not supported for tasks using Fargate" (API Reference "RegisterTaskDefinition").
            if ("host".equals(pidMode)) throw AwsException.client("Fargate supports pidMode 'task' only, not 'host'.");
            if (ipcMode != null) throw AwsException.client("Fargate does not support ipcMode; leave it unset.");
            for (ContainerDef c : containers) {
                // "valid values for Fargate are 2-120 seconds" (API Reference "ContainerDefinition", stopTimeout).
                if (c.stopTimeout() != null && (c.stopTimeout() < 2 || c.stopTimeout() > 120)) {
                    throw AwsException.client("Invalid setting for container '" + c.name() + "'. stopTimeout "
                            + c.stopTimeout() + " is outside 2-120 seconds, the range Fargate allows.");
                }
            }
        }
        boolean ec2 = requires.isEmpty() || requires.contains("EC2");
        if (ec2 && memory == null) {
            // "memory … If using the EC2 launch type, you must specify either a task-level memory value or a
            // container-level memory value" (ContainerDefinition, memory).
            for (ContainerDef c : containers) {
                if (c.memory() == 0 && c.memoryReservation() == null) {
                    throw AwsException.client("Invalid setting for container '" + c.name()
                            + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
                }
            }
        }
    }

    /** A Fargate launch accepts it: awsvpc and every stopTimeout within 2–120 s. */
    static boolean fargateValid(TaskDefinitionState td) {
        if (!Network.awsvpc(td.networkMode())) return false;
        for (ContainerDef c : td.containers()) {
            if (c.stopTimeout() != null && (c.stopTimeout() < 2 || c.stopTimeout() > 120)) return false;
        }
        return true;
    }

    /** HealthCheck: command required; interval 5–300, timeout 2–60, retries 1–10, startPeriod 0–300 seconds. */
    private static ContainerDef.HealthCheck healthCheck(String container, JsonNode h) {
        if (h == null || h.isNull()) return null;
        if (Params.strings(h, "command").isEmpty()) {
            throw AwsException.client("Invalid setting for container '" + container + "'. healthCheck.command is required.");
        }
        int interval = range(container, "interval", Params.integer(h, "interval"), 30, 5, 300);
        int timeout = range(container, "timeout", Params.integer(h, "timeout"), 5, 2, 60);
        int retries = range(container, "retries", Params.integer(h, "retries"), 3, 1, 10);
        int startPeriod = range(container, "startPeriod", Params.integer(h, "startPeriod"), 0, 0, 300);
        return new ContainerDef.HealthCheck(interval, timeout, retries, startPeriod);
    }

    private static int range(String container, String field, Integer value, int defaultValue, int min, int max) {
        if (value == null) return defaultValue;
        if (value < min || value > max) {
            throw AwsException.client("Invalid setting for container '" + container + "'. healthCheck." + field + " "
                    + value + " must be between " + min + " and " + max + ".");
        }
        return value;
    }
}

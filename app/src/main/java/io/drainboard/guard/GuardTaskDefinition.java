package io.drainboard.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The guard service's ECS task definition (RegisterTaskDefinition's JSON, {@code aws ecs register-task-definition
 * --cli-input-json file://…}): Fargate, awsvpc, 0.25 vCPU and 512 MiB, one essential container running the image's
 * entrypoint with {@code --profile /etc/drainboard/profiles/<file>}, port 9464 for /healthz and /metrics, logs to
 * CloudWatch Logs. The roles are placeholders to fill in: the task role gets {@code --iam-policy FILE --guard}.
 */
final class GuardTaskDefinition {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GuardTaskDefinition() {
    }

    static String json(String image, String profileFileName, String region) {
        ObjectNode td = JSON.createObjectNode();
        td.put("family", "drainboard-guard");
        td.put("taskRoleArn", "arn:aws:iam::ACCOUNT:role/drainboard-guard");
        td.put("executionRoleArn", "arn:aws:iam::ACCOUNT:role/ecsTaskExecutionRole");
        td.put("networkMode", "awsvpc");
        td.putArray("requiresCompatibilities").add("FARGATE");
        td.put("cpu", "256");
        td.put("memory", "512");
        td.putObject("runtimePlatform").put("operatingSystemFamily", "LINUX").put("cpuArchitecture", "X86_64");
        ArrayNode containers = td.putArray("containerDefinitions");
        ObjectNode c = containers.addObject();
        c.put("name", "guard");
        c.put("image", image);
        c.put("essential", true);
        ArrayNode cmd = c.putArray("command");
        cmd.add("--profile").add("/etc/drainboard/profiles/" + profileFileName).add("--port").add("9464");
        c.putArray("portMappings").addObject().put("containerPort", 9464).put("protocol", "tcp");
        // SIGTERM makes the guard resign its leases; it needs a few seconds, never the full 30.
        c.put("stopTimeout", 30);
        c.put("readonlyRootFilesystem", false);
        ObjectNode log = c.putObject("logConfiguration");
        log.put("logDriver", "awslogs");
        log.putObject("options").put("awslogs-group", "/ecs/drainboard-guard").put("awslogs-region", region)
                .put("awslogs-stream-prefix", "guard").put("awslogs-create-group", "true");
        try {
            return JSON.writeValueAsString(td);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

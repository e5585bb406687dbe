package io.drainboard.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamPolicyGeneratorTest {
    private static final Path AWS = Path.of("..", "profiles", "aws-example.yaml");
    private static final Path INCIDENT = Path.of("..", "profiles", "incident-readonly.yaml");

    private static Set<String> actions(JsonNode policy) {
        Set<String> out = new TreeSet<>();
        policy.get("Statement").forEach(s -> s.get("Action").forEach(a -> out.add(a.asText())));
        return out;
    }

    private static Set<String> mutating() {
        Set<String> out = new TreeSet<>();
        IamActions.ALL.stream().filter(IamActions.Action::mutating).forEach(a -> out.add(a.name()));
        return out;
    }

    @Test
    void theReadOnlyPolicyGrantsNoMutatingAction() throws Exception {
        Set<String> granted = actions(IamPolicyGenerator.operatorPolicy(ProfileLoader.load(AWS), false));
        assertTrue(granted.contains("ecs:DescribeTasks"));
        for (String m : mutating()) assertTrue(!granted.contains(m), m + " granted read-only");
        for (String a : granted) {
            String verb = a.substring(a.indexOf(':') + 1);
            assertTrue(verb.startsWith("List") || verb.startsWith("Describe") || verb.startsWith("Get"), a);
        }
    }

    @Test
    void aReadOnlyProfileGetsTheReadOnlyPolicyEvenWhenAskedForOperator() throws Exception {
        Profile incident = ProfileLoader.load(INCIDENT);
        assertEquals(actions(IamPolicyGenerator.operatorPolicy(incident, false)),
                actions(IamPolicyGenerator.operatorPolicy(incident, true)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IamPolicyGenerator.run(new String[] {"--profile", INCIDENT.toString(), "--operator"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is read-only"));
    }

    @Test
    void theOperatorPolicyGrantsEveryOperatorActionOfTheTable() throws Exception {
        Set<String> granted = actions(IamPolicyGenerator.operatorPolicy(ProfileLoader.load(AWS), true));
        Set<String> expected = new TreeSet<>();
        IamActions.ALL.stream().filter(a -> a.audience() == IamActions.Audience.OPERATOR).forEach(a -> expected.add(a.name()));
        assertEquals(expected, granted);
        assertTrue(granted.stream().noneMatch(a -> a.startsWith("ssmmessages:")), "the task role opens the channels");
    }

    @Test
    void theGuardGetsUpdateServiceAndScalableTargetsOnlyWithDirectScaling() throws Exception {
        Profile off = ProfileLoader.load(AWS);
        Set<String> without = actions(IamPolicyGenerator.guardPolicy(off));
        assertTrue(!without.contains("ecs:UpdateService") && !without.contains("application-autoscaling:DescribeScalableTargets"),
                without.toString());
        Profile on = new Profile(off.name(), off.source(), off.description(), off.regions(), off.simulator(), off.aws(), off.liveKit(),
                off.calls(), off.refreshInterval(), off.maxConcurrency(), off.readOnly(), off.production(), off.clusters(),
                off.serviceFilter(), off.cordon(), off.callLength(), off.drain(),
                new Profile.GuardSettings(off.guard().lease(), off.guard().renewBefore(), off.guard().idleHysteresis(),
                        off.guard().chosenScaleIn(), java.util.Optional.of(new Profile.DirectScaling(
                        java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(3), 0.1))), off.services(), off.accounts());
        Set<String> with = actions(IamPolicyGenerator.guardPolicy(on));
        Set<String> added = new TreeSet<>(with);
        added.removeAll(without);
        assertEquals(Set.of("ecs:UpdateService", "application-autoscaling:DescribeScalableTargets"), added);
    }

    @Test
    void resourcesAreScopedToTheProfilesClustersAndRegions() throws Exception {
        JsonNode policy = IamPolicyGenerator.operatorPolicy(ProfileLoader.load(AWS), true);
        JsonNode tasks = statement(policy, "OperateTasks");
        assertEquals(List.of("arn:aws:ecs:us-east-1:*:task/voice-prod/*"), texts(tasks.get("Resource")));
        assertEquals(List.of("arn:aws:ecs:us-east-1:*:service/voice-prod/*-agent",
                "arn:aws:ecs:us-east-1:*:service/voice-prod/outbound-dialer"),
                texts(statement(policy, "OperateServices").get("Resource")), "actions follow the service filter");
        assertEquals(List.of("arn:aws:ecs:us-east-1:*:service/voice-prod/*"),
                texts(statement(policy, "ReadServices").get("Resource")), "reads cover the cluster");
        assertEquals(List.of("arn:aws:ecs:us-east-1:*:cluster/voice-prod", "arn:aws:ecs:us-east-1:*:task/voice-prod/*"),
                texts(statement(policy, "OperateExec").get("Resource")));
        assertEquals("ecs-tasks.amazonaws.com", statement(policy, "PassTaskRolesToEcs").get("Condition")
                .get("StringEquals").get("iam:PassedToService").asText());

        Profile incident = ProfileLoader.load(INCIDENT);
        assertEquals(List.of("arn:aws:ecs:us-east-1:*:task/voice-prod/*", "arn:aws:ecs:eu-west-1:*:task/voice-prod/*"),
                texts(statement(IamPolicyGenerator.operatorPolicy(incident, false), "ReadTasks").get("Resource")));
        assertEquals("aws-cn", IamPolicyGenerator.partition("cn-north-1"));
        assertEquals("aws-us-gov", IamPolicyGenerator.partition("us-gov-west-1"));
    }

    @Test
    void theCommandLinePrintsValidJsonAndExplainsMisuse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, IamPolicyGenerator.run(new String[] {"--profile", AWS.toString(), "--operator"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err)));
        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("2012-10-17", doc.get("Version").asText());

        out.reset();
        assertEquals(0, IamPolicyGenerator.run(new String[] {"--task-role"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err)));
        assertEquals(Set.of("ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"),
                actions(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))));

        err.reset();
        assertEquals(ExitCode.CONFIG.code(), IamPolicyGenerator.run(new String[] {"--profile", "nope.yaml"}, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("nope.yaml: cannot read the profile"));
        err.reset();
        assertEquals(ExitCode.USAGE.code(), IamPolicyGenerator.run(new String[] {"--operatr"}, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--operatr'"));
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode s : policy.get("Statement")) if (s.get("Sid").asText().equals(sid)) return s;
        throw new AssertionError("no statement " + sid + " in " + policy);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

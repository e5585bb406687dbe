package io.drainboard;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window-less commands of the launcher: {@code --iam-policy} prints the profile's IAM policy as JSON. */
class LauncherTest {
    private static final String PROFILE = "../profiles/aws-example.yaml";

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code = Launcher.headless(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(OptionalInt.of(expectedCode), code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void iamPolicyPrintsTheOperatorOrTheReadOnlyPolicy() {
        String operator = run(0, "--iam-policy", PROFILE, "--operator");
        assertTrue(operator.startsWith("{") && operator.contains("\"Version\" : \"2012-10-17\""), operator);
        assertTrue(operator.contains("ecs:UpdateTaskProtection") && operator.contains("ecs:StopTask"), operator);
        String readOnly = run(0, "--iam-policy", PROFILE, "--read-only");
        assertTrue(readOnly.contains("ecs:DescribeTasks"), readOnly);
        assertFalse(readOnly.contains("ecs:StopTask") || readOnly.contains("ecs:UpdateTaskProtection"), readOnly);
        assertEquals(readOnly, run(0, "--iam-policy", PROFILE), "read-only unless --operator");
    }

    @Test
    void iamPolicyWithoutAProfileGivesTheUsage() {
        assertTrue(run(2, "--iam-policy").contains("usage: drainboard --iam-policy PROFILE.yaml"));
    }

    @Test
    void withoutACommandTheWindowOpens() {
        assertEquals(OptionalInt.empty(), Launcher.headless(List.of("--profile", "demo"), System.out, System.err));
    }
}

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
        assertTrue(run(64, "--iam-policy").contains("usage: drainboard --iam-policy PROFILE.yaml"));
    }

    @Test
    void withoutACommandTheWindowOpens() {
        assertEquals(OptionalInt.empty(), Launcher.headless(List.of("--profile", "demo"), System.out, System.err));
        assertEquals(OptionalInt.empty(), Launcher.headless(List.of("--profile=demo.yaml", "--light"), System.out, System.err));
        assertEquals(OptionalInt.empty(), Launcher.headless(List.of(), System.out, System.err));
    }

    /** --help prints the usage of every mode and exits 0 before any window (so it needs no display). */
    @Test
    void helpPrintsEveryModeAndExitsZeroWithoutAWindow() {
        for (String help : new String[] {"--help", "-h"}) {
            for (List<String> args : List.of(List.of(help), List.of("--profile", "x.yaml", help), List.of(help, "--bogus"))) {
                String text = run(0, args.toArray(String[]::new));
                assertTrue(text.contains("usage: drainboard [--profile FILE] [--light]"), text);
                assertTrue(text.contains("usage: drainboard --rollout --profile FILE --service CLUSTER/SERVICE"), text);
                assertTrue(text.contains("usage: drainboard --iam-policy PROFILE.yaml"), text);
                assertTrue(text.contains("usage: drainboard guard --profile FILE"), text);
                assertTrue(text.contains("--help"), text);
            }
        }
        String rollout = run(0, "--rollout", "--help");
        assertTrue(rollout.startsWith("usage: drainboard --rollout") && !rollout.contains("--iam-policy PROFILE"), rollout);
        String iam = run(0, "--iam-policy", "--help");
        assertTrue(iam.startsWith("usage: drainboard --iam-policy") && !iam.contains("--rollout --profile"), iam);
        String guard = run(0, "guard", "--help");
        assertTrue(guard.startsWith("usage: drainboard guard") && !guard.contains("--rollout --profile"), guard);
    }

    /** An option nobody knows is an error naming it (exit 64, the usage after it), in every mode; never ignored. */
    @Test
    void anUnknownOptionIsAnErrorNamingIt() {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--profile", "demo.yaml", "--bogus"),
                List.of("--profile"), List.of("--profile", "a.yaml", "--profile", "b.yaml"), List.of("stray"),
                List.of("--light", "-x"))) {
            String text = run(64, args.toArray(String[]::new));
            assertTrue(text.startsWith("error: "), args + ": " + text);
            assertTrue(text.contains("usage: drainboard [--profile FILE] [--light]"), text);
        }
        assertTrue(run(64, "--bogus").contains("'--bogus'"));
        assertTrue(run(64, "--iam-policy", PROFILE, "--operatr").contains("'--operatr'"));
        String rollout = run(64, "--rollout", "--profile", PROFILE, "--service", "c/s", "--task-definition", "f:2", "--bogus");
        assertTrue(rollout.contains("'--bogus'"), rollout);
    }

    /** The headless commands start alike: a bad option is 64 with its usage, a profile file that is not there 66. */
    @Test
    void theHeadlessCommandsAnswerABadOptionAndAMissingProfileAlike() {
        for (List<String> mode : List.of(List.of("guard"), List.of("--check"), List.of("scaling-lab", "--service", "c/s", "--shape", "crisis-surge"))) {
            List<String> bad = new java.util.ArrayList<>(mode);
            bad.addAll(List.of("--profile", PROFILE, "--bogus"));
            String text = run(64, bad.toArray(String[]::new));
            assertTrue(text.startsWith("error: ") && text.contains("'--bogus'") && text.contains("usage: drainboard"), text);
            List<String> missing = new java.util.ArrayList<>(mode);
            missing.addAll(List.of("--profile", "no-such-profile.yaml"));
            assertTrue(run(66, missing.toArray(String[]::new)).contains("no-such-profile.yaml"), mode.toString());
        }
    }

    /** The guard's scale-in of chosen tasks: in its help, and a value other than true or false is 64 naming the flag. */
    @Test
    void theGuardsChosenScaleInFlagIsInItsHelpAndTakesOnlyTrueOrFalse() {
        String help = run(0, "guard", "--help");
        assertTrue(help.contains("--chosen-scale-in true|false") && help.contains("guard.chosenScaleIn"), help);
        String odd = run(64, "guard", "--profile", PROFILE, "--chosen-scale-in", "yes");
        assertTrue(odd.startsWith("error: --chosen-scale-in wants true or false, got 'yes'"), odd);
        assertTrue(run(64, "guard", "--profile", PROFILE, "--chosen-scale-in").contains("--chosen-scale-in needs a value"));
    }

    /** Without a display the window would die in JavaFX with a stack trace: one line and exit 69 instead. */
    @Test
    void withoutADisplayTheWindowSaysSoInOneLine() {
        String why = Launcher.noDisplay(java.util.Map.of(), "Linux", null).orElseThrow();
        assertTrue(why.startsWith("no display") && !why.contains("\n"), why);
        assertEquals(java.util.Optional.empty(), Launcher.noDisplay(java.util.Map.of("DISPLAY", ":0"), "Linux", null));
        assertEquals(java.util.Optional.empty(), Launcher.noDisplay(java.util.Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null));
        assertEquals(java.util.Optional.empty(), Launcher.noDisplay(java.util.Map.of(), "Linux", "Monocle"), "headless tests");
        assertEquals(java.util.Optional.empty(), Launcher.noDisplay(java.util.Map.of(), "Mac OS X", null));
    }

    @Test
    void anInvalidProfileForTheIamPolicyExitsWithTheConfigCode() {
        String text = run(78, "--iam-policy", "nope.yaml");
        assertTrue(text.contains("nope.yaml"), text);
    }
}

package io.drainboard.rollout;

import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.sim.http.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --rollout}'s exit codes (profile.ExitCode, docs/rollout.md), each for the failure a pipeline must tell
 * apart: not found, unavailable, throttled, not permitted, cannot write; transient errors at start and in the
 * preflight retried before anything is concluded; unknown calls shown as unknown. Never a stack trace.
 */
class HeadlessExitCodesTest {
    static final Faults.Rule FIVE_XX = new Faults.Rule(0, 1, 0, Duration.ZERO);
    static final Faults.Rule THROTTLED = new Faults.Rule(1, 0, 0, Duration.ZERO);

    @TempDir
    Path journals;

    private record Run(int code, String text) {
    }

    private static Run run(RolloutRig rig, RolloutRunner.Pacer pacer, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("--rollout", "--profile", "p.yaml"));
        a.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new HeadlessRollout(new PrintStream(out, true, StandardCharsets.UTF_8)).run(HeadlessRollout.Args.parse(a),
                rig.wiring, pacer);
        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")
                || l.startsWith("Exception in thread")), "no stack trace: " + text);
        return new Run(code, text);
    }

    private RolloutRig rig() {
        return new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals);
    }

    private static Run main(Path profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HeadlessRollout.main(List.of("--rollout", "--profile", profile.toString(), "--service", "voice/agent",
                "--task-definition", "agent:2"), new PrintStream(out, true, StandardCharsets.UTF_8), io.drainboard.Console::open);
        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")
                || l.startsWith("Exception in thread")), "no stack trace: " + text);
        return new Run(code, text);
    }

    @Test
    void aProfileThatIsInvalidMissingOrCannotBeOpenedHasItsOwnCodeAndOneLine() throws Exception {
        Path bad = journals.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nregion: us-east-1\nreadOnly: maybe\n");
        Run invalid = main(bad);
        assertEquals(ExitCode.CONFIG.code(), invalid.code(), invalid.text());
        assertTrue(invalid.text().contains("bad.yaml:3"), "the problem names file:line: " + invalid.text());
        Run missing = main(journals.resolve("none.yaml"));
        assertEquals(ExitCode.NOT_FOUND.code(), missing.code(), missing.text());
        // A valid profile whose AWS profile does not exist: Console.open throws; said in one line, not permitted.
        Path noCredentials = journals.resolve("nocreds.yaml");
        Files.writeString(noCredentials, "name: nocreds\nregion: us-east-1\naws: {profile: drainboard-test-no-such-profile}\n"
                + "calls: {source: none}\n");
        Run unopened = main(noCredentials);
        assertEquals(ExitCode.NOT_PERMITTED.code(), unopened.code(), unopened.text());
        assertEquals(1, unopened.text().lines().count(), unopened.text());
        assertTrue(unopened.text().startsWith("error: cannot open the profile nocreds: AWS profile drainboard-test-no-such-profile is not set up on this machine: run `aws configure sso"),
                unopened.text());
    }

    @Test
    void aServiceAClusterOrARevisionThatDoesNotExistIsNotFound() throws Exception {
        try (RolloutRig rig = rig()) {
            rig.newRevision();
            Run service = run(rig, rig.sim::advance, "--service", "voice/nope", "--task-definition", "agent:2");
            assertEquals(ExitCode.NOT_FOUND.code(), service.code(), service.text());
            assertTrue(service.text().contains("no service nope in cluster voice"), service.text());
            Run cluster = run(rig, rig.sim::advance, "--service", "ghost/agent", "--task-definition", "agent:2");
            assertEquals(ExitCode.NOT_FOUND.code(), cluster.code(), cluster.text());
            Run revision = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:99", "--dry-run");
            assertEquals(ExitCode.NOT_FOUND.code(), revision.code(), revision.text());
            assertTrue(revision.text().contains("cannot read task definition agent:99"), revision.text());
        }
    }

    @Test
    void aTransientErrorAtStartIsRetriedNotTakenForAMissingService() throws Exception {
        try (RolloutRig rig = rig()) {
            rig.newRevision();
            // ECS answers 503 until the first wait (the pacer): a retry must see the service.
            rig.sim.faults().set("ecs:DescribeServices", FIVE_XX);
            RolloutRunner.Pacer clearsOnFirstWait = d -> {
                rig.sim.faults().clear();
                rig.sim.advance(d);
            };
            Run r = run(rig, clearsOnFirstWait, "--service", "voice/agent", "--task-definition", "agent:2", "--dry-run");
            assertEquals(ExitCode.OK.code(), r.code(), r.text());
            assertTrue(r.text().contains("dry run: nothing was changed"), r.text());
        }
    }

    @Test
    void aFailingOrThrottledEndpointIsUnavailableOrTryAgainNotBadArguments() throws Exception {
        try (RolloutRig rig = rig()) {
            rig.newRevision();
            rig.sim.faults().set("ecs:DescribeServices", FIVE_XX);
            Run failing = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2");
            assertEquals(ExitCode.UNAVAILABLE.code(), failing.code(), failing.text());
            assertTrue(failing.text().contains("cannot read service voice/agent"), failing.text());
            rig.sim.faults().set("ecs:DescribeServices", THROTTLED);
            Run throttled = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2");
            assertEquals(ExitCode.TRY_AGAIN.code(), throttled.code(), throttled.text());
            rig.sim.faults().clear();
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"), "nothing was changed");
        }
    }

    @Test
    void anUnreachableEndpointIsUnavailable() throws Exception {
        RolloutRig rig = rig();
        try {
            rig.sim.close();
            Run r = run(rig, d -> { }, "--service", "voice/agent", "--task-definition", "agent:2");
            assertEquals(ExitCode.UNAVAILABLE.code(), r.code(), r.text());
        } finally {
            rig.closeKeepingSimulator();
        }
    }

    @Test
    void aReadOnlyProfileMayNotStartResumeOrAbortAndLeavesTheJournalUntouched() throws Exception {
        try (RolloutRig rig = rig()) {
            String target = rig.newRevision();
            RolloutRig ro = rig.another(journals, true);
            try {
                Run start = run(ro, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2");
                assertEquals(ExitCode.NOT_PERMITTED.code(), start.code(), start.text());
                RolloutEngine e = rig.start(target, rig.settings(1));
                for (int i = 0; i < 6; i++) {
                    rig.step(e);
                    rig.sim.advance(Duration.ofSeconds(5));
                }
                e.close(); // this console went away; its journal is unfinished
                int lines = rig.journal.lines(e.id()).size();
                Run resume = run(ro, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2");
                assertEquals(ExitCode.NOT_PERMITTED.code(), resume.code(), resume.text());
                assertTrue(resume.text().contains("read-only: it may not resume") && resume.text().contains("journal is untouched"),
                        resume.text());
                Run abort = run(ro, rig.sim::advance, "--service", "voice/agent", "--abort");
                assertEquals(ExitCode.NOT_PERMITTED.code(), abort.code(), abort.text());
                assertEquals(1, abort.text().lines().count(), "refused at once, one line: " + abort.text());
                assertEquals(lines, rig.journal.lines(e.id()).size(), "the journal is untouched");
                assertEquals(List.of(e.id()), rig.journal.unfinished());
            } finally {
                ro.closeKeepingSimulator();
            }
        }
    }

    @Test
    void anUnwritableDataDirectoryFailsThePreflightInOneLine() throws Exception {
        Path notADirectory = Files.writeString(journals.resolve("data"), "a file, not a directory");
        try (RolloutRig base = rig()) {
            base.newRevision();
            RolloutRig rig = base.another(notADirectory.resolve("rollouts"), false);
            try {
                Run r = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2");
                assertEquals(ExitCode.CANNOT_WRITE.code(), r.code(), r.text());
                assertTrue(r.text().contains("[FAIL] Journal: " + notADirectory.resolve("rollouts") + " cannot be written"),
                        r.text());
                assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"));
                assertEquals(0, rig.sim.requests().count("ecs", "UpdateTaskProtection"));
            } finally {
                rig.closeKeepingSimulator();
            }
        }
    }

    @Test
    void thePreflightRetriesCallsUnknownAndThePlanNeverShowsUnknownAsIdle() throws Exception {
        try (RolloutRig rig = rig()) {
            rig.newRevision();
            // One failed LiveKit read: read again, then the calls are known.
            rig.sim.faults().set("livekit:*", FIVE_XX);
            RolloutRunner.Pacer clearsOnFirstWait = d -> {
                rig.sim.faults().clear();
                rig.sim.advance(d);
            };
            Run once = run(rig, clearsOnFirstWait, "--service", "voice/agent", "--task-definition", "agent:2", "--dry-run");
            assertEquals(ExitCode.OK.code(), once.code(), once.text());
            assertTrue(once.text().contains("[PASS] Calls"), once.text());
            // LiveKit keeps failing: the preflight fails as unavailable, and the plan says unknown, not idle.
            rig.sim.faults().set("livekit:*", FIVE_XX);
            Run down = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2", "--dry-run");
            assertEquals(ExitCode.UNAVAILABLE.code(), down.code(), down.text());
            assertTrue(down.text().contains("[FAIL] Calls: calls unknown"), down.text());
            assertTrue(down.text().contains("calls unknown, idle time unknown"), down.text());
            assertFalse(down.text().contains("0 call(s), idle in <1 m"), down.text());
        }
    }

    @Test
    void aThrottledScalingReadKeepsSuspendScaleInInThePlan() throws Exception {
        try (RolloutRig rig = rig()) {
            rig.newRevision();
            Run clean = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2", "--dry-run");
            assertTrue(clean.text().contains("change: suspend dynamic scale-in (Application Auto Scaling; resumed at the end)"),
                    clean.text());
            rig.sim.faults().set("application-autoscaling:*", THROTTLED);
            Run throttled = run(rig, rig.sim::advance, "--service", "voice/agent", "--task-definition", "agent:2", "--dry-run");
            assertTrue(throttled.text().contains("change: suspend dynamic scale-in if the service has an Application Auto Scaling"
                    + " target"), throttled.text());
            assertTrue(throttled.text().contains("[WARN] Scale-in suspension: could not read the scalable target"), throttled.text());
        }
    }
}

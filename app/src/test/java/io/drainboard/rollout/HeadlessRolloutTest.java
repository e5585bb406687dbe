package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --rollout} for pipelines: exit codes, progress lines, dry run, and the journal's unfinished rollout. */
class HeadlessRolloutTest {
    @TempDir
    Path journals;

    private static List<String> args(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--rollout", "--profile", "p.yaml", "--service", "voice/agent"));
        a.addAll(List.of(extra));
        return a;
    }

    private static int run(RolloutRig rig, List<String> args, ByteArrayOutputStream out) throws Exception {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new HeadlessRollout(ps).run(HeadlessRollout.Args.parse(args), rig.wiring, rig.sim::advance);
    }

    /** Every event of the one rollout journaled in this test. */
    private List<String> events(RolloutRig rig) throws Exception {
        try (var files = java.nio.file.Files.list(journals)) {
            String id = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).findFirst().orElseThrow()
                    .replace(".jsonl", "");
            return rig.journal.lines(id).stream().map(RolloutJournal.Line::event).toList();
        }
    }

    @Test
    void noLeanKeepsTheOldTasksAsTheyWere() throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            rig.newRevision();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(rig, args("--task-definition", "agent:2", "--no-lean"), out);
            assertEquals(HeadlessRollout.OK, code, out.toString(StandardCharsets.UTF_8));
            assertTrue(events(rig).stream().noneMatch(e -> e.contains("lean")), events(rig).toString());
        }
    }

    @Test
    void badArgumentsExit64WithTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HeadlessRollout.main(List.of("--rollout", "--profile", "x.yaml", "--service", "agent"),
                new PrintStream(out, true, StandardCharsets.UTF_8), io.drainboard.Console::open);
        assertEquals(HeadlessRollout.USAGE, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--service CLUSTER/SERVICE is required") && text.contains("usage: drainboard --rollout"), text);
        assertEquals(HeadlessRollout.USAGE, HeadlessRollout.main(List.of("--rollout", "--profile", "p", "--service", "c/s",
                "--task-definition", "a:2", "--max-parallel", "zero"), new PrintStream(new ByteArrayOutputStream()), io.drainboard.Console::open));
    }

    @Test
    void sparesAreWorkedOutOnceTheServiceIsReadUnlessGiven() {
        assertEquals(-1, HeadlessRollout.Args.parse(args("--task-definition", "agent:2", "--max-parallel", "4")).spares(),
                "no --spares: the default is worked out once the service's desired count is read");
        assertEquals(1, HeadlessRollout.Args.parse(args("--task-definition", "agent:2", "--max-parallel", "4", "--spares", "1"))
                .spares(), "an explicit --spares wins");
        // The default itself: RolloutSettingsTest.
    }

    @Test
    void aDryRunPrintsTheChecklistAndThePlanAndChangesNothing() throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            String target = rig.newRevision();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(rig, args("--task-definition", "agent:2", "--dry-run"), out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(HeadlessRollout.OK, code, text);
            assertTrue(text.contains("[PASS] Cordon") || text.contains("[WARN] Cordon"), text);
            assertTrue(text.contains("calls affected: 0"), text);
            // 4 tasks, http cordon, so leaned: max(maxParallel 1, ⌈50 % of 4⌉) spares (RolloutSettings.defaultSpares).
            assertTrue(text.contains("and 2 spare(s)"), text);
            assertTrue(text.contains("dry run: nothing was changed"), text);
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateService"));
            assertEquals(0, rig.sim.requests().count("ecs", "UpdateTaskProtection"));
            assertTrue(target.endsWith("agent:2"));
        }
    }

    @Test
    void aRolloutPrintsProgressAndExitsZeroWhenItCompletes() throws Exception {
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            rig.newRevision();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(rig, args("--task-definition", "agent:2", "--max-parallel", "2"), out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(HeadlessRollout.OK, code, text);
            assertTrue(text.contains("replacing tasks · 1/4 replaced"), text);
            assertTrue(text.contains("ETA "), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("completed: now runs agent:2")), text);
            assertEquals(0, rig.callsCut());
            assertTrue(events(rig).stream().anyMatch(e -> e.startsWith("done: leaned")), "http cordon: old tasks leaned");
        }
    }

    @Test
    void anUnfinishedRolloutIsResumedAndAnotherTargetIsRefused() throws Exception {
        RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP, journals);
        try {
            String target = rig.newRevision();
            RolloutEngine e = rig.start(target, rig.settings(1));
            for (int i = 0; i < 8; i++) {
                rig.step(e);
                rig.sim.advance(java.time.Duration.ofSeconds(5));
            }
            // The pipeline's runner died here; a new run is started for the same service.
            rig = rig.restart();
            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertEquals(HeadlessRollout.REFUSED, run(rig, args("--task-definition", "agent:1"), refused));
            assertTrue(refused.toString(StandardCharsets.UTF_8).contains("--abort to stop it safely"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(rig, args("--task-definition", "agent:2"), out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(HeadlessRollout.OK, code, text);
            assertTrue(text.startsWith("resuming rollout " + e.id()), text);
            assertEquals(0, rig.callsCut());
        } finally {
            rig.close();
        }
    }
}

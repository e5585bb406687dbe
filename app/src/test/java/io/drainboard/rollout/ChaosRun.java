package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded chaos run of a rollout on {@code rollout-chaos}: bursts of throttling and 5xx on ECS, Application
 * Auto Scaling and LiveKit, latency spikes, and the console killed (between passes, or just before or after a
 * mutation) and restarted as a new engine resuming from the journal. Once per run a second console process
 * starts the same rollout while the first runs — on the same data directory (it must be refused before it
 * writes a line) or on another one (its own rollout must stop at the lock without acting) — and at the first
 * restart a read-only profile tries to resume and to abort it (refused, NOT_PERMITTED, journal untouched).
 * What it must hold: no call cut, the rollout ends (completed, or stopped with a reason), every protected task
 * has an expiry, and a completed rollout leaves the service on the new revision with everything restored.
 */
final class ChaosRun {
    static final Duration PASS = Duration.ofSeconds(10);
    static final Duration LIMIT = Duration.ofHours(4);
    private static final String[] THROTTLED = {"ecs:*", "application-autoscaling:*", "livekit:*", "*"};
    private static final String[] FAILING = {"ecs:*", "ecs:UpdateTaskProtection", "ecs:StopTask", "ecs:ExecuteCommand",
            "ecs:UpdateService", "ecs:TagResource", "ecs:ListTagsForResource", "application-autoscaling:*"};

    record Outcome(long seed, String cordon, int maxParallel, RolloutPhase phase, String endReason, long cut,
                   int faultBursts, int kills, String secondEngine, List<String> problems, Duration took) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private record Burst(String key, Faults.Rule rule, int passesLeft) {
    }

    static Outcome run(long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        Profile.CordonMethod cordon = seed % 2 == 0 ? Profile.CordonMethod.HTTP : Profile.CordonMethod.EXEC_SIGNAL;
        int k = 1 + rnd.nextInt(2);
        Path journals = Files.createTempDirectory("rollout-chaos");
        RolloutRig rig = new RolloutRig("rollout-chaos", "voice", "agent", cordon, journals);
        List<String> problems = new ArrayList<>();
        int bursts = 0, kills = 0;
        // Its own random stream, so the fault schedule of every seed stays what it was.
        SplittableRandom twin = new SplittableRandom(seed * 7919 + 17);
        boolean sameDirectory = seed % 4 < 2;
        int secondAt = 10 + twin.nextInt(60);
        int pass = 0;
        String secondEngine = "not started";
        SecondEngine other = null;
        try {
            String target = rig.newRevision();
            long cut0 = rig.callsCut();
            RolloutSettings settings = rig.settings(k).withLease(Duration.ofMinutes(10), Duration.ofMinutes(4));
            CrashingEffects fx = new CrashingEffects(rig.wiring.effects(settings));
            RolloutEngine e = RolloutEngine.start(PreflightReader.spec(rig.serviceSnapshot(),
                    rig.wiring.deploys().describe(target), settings), fx, rig.journal, rig.sim.clock().instant());
            String id = e.id();
            List<Burst> active = new ArrayList<>();
            RolloutStatus last = null;
            Duration spent = Duration.ZERO;
            while (!e.ended() && spent.compareTo(LIMIT) < 0) {
                if (rnd.nextDouble() < 0.08) {
                    active.add(burst(rnd));
                    bursts++;
                }
                applyFaults(rig, active);
                if (kills < 3 && rnd.nextDouble() < 0.03) fx.arm(rnd.nextBoolean() ? CrashingEffects.When.BEFORE
                        : CrashingEffects.When.AFTER);
                boolean restart = kills < 3 && rnd.nextDouble() < 0.02;
                try {
                    last = rig.step(e);
                } catch (CrashingEffects.Killed killed) {
                    restart = true;
                }
                if (restart) {
                    kills++;
                    rig = rig.restart();
                    fx = new CrashingEffects(rig.wiring.effects(settings));
                    e = RolloutEngine.resume(id, fx, rig.journal, rig.sim.clock().instant());
                }
                if (++pass == secondAt && !e.ended()) {
                    problems.addAll(readOnlyResumeAndAbortAreRefused(rig, id, settings));
                    other = SecondEngine.start(rig, id, target, settings, sameDirectory, journals, problems);
                    secondEngine = other.describe();
                }
                if (other != null && !other.done()) other.step(problems);
                rig.sim.advance(PASS);
                spent = spent.plus(PASS);
                active.replaceAll(b -> new Burst(b.key(), b.rule(), b.passesLeft() - 1));
                active.removeIf(b -> b.passesLeft() <= 0);
            }
            if (other != null) other.finish(problems);
            rig.sim.faults().clear();
            last = rig.step(e);
            rig.sim.advance(Duration.ofMinutes(3)); // a SIGKILL comes at most stopTimeout after a SIGTERM
            long cut = rig.callsCut() - cut0;
            check(rig, target, last, cut, settings, problems);
            if (cut != 0) problems.add(whyCut(rig, id));
            return new Outcome(seed, cordon.name(), k, last.phase(), last.endReason().orElse(last.waitingFor()), cut,
                    bursts, kills, secondEngine, problems, spent);
        } finally {
            if (other != null) other.close();
            rig.close();
            if (Boolean.getBoolean("chaos.keep")) System.out.println("journals kept in " + journals); else RolloutRig.delete(journals);
        }
    }

    /**
     * A read-only profile on the same data directory, with the rollout unfinished in the journal: resume and
     * abort are refused at once with NOT_PERMITTED and the journal is untouched.
     */
    private static List<String> readOnlyResumeAndAbortAreRefused(RolloutRig rig, String id, RolloutSettings settings)
            throws Exception {
        List<String> problems = new ArrayList<>();
        int lines = rig.journal.lines(id).size();
        RolloutRig ro = rig.another(rig.journal.directory(), true);
        try {
            try {
                RolloutEngine.resume(id, ro.wiring.effects(settings), ro.journal, ro.sim.clock().instant());
                problems.add("a read-only profile resumed the rollout");
            } catch (RolloutRefused r) {
                if (r.code() != io.drainboard.profile.ExitCode.NOT_PERMITTED) problems.add("read-only resume: " + r.code());
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int code = new HeadlessRollout(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8))
                    .run(HeadlessRollout.Args.parse(List.of("--rollout", "--profile", "ro.yaml", "--service", "voice/agent",
                            "--abort")), ro.wiring, d -> { });
            if (code != io.drainboard.profile.ExitCode.NOT_PERMITTED.code()) problems.add("read-only --abort exited " + code + ": " + out);
        } finally {
            ro.closeKeepingSimulator();
        }
        if (rig.journal.lines(id).size() != lines) problems.add("a read-only profile wrote in the journal");
        return problems;
    }

    /** A second console process started on the same rollout while the first runs. */
    private static final class SecondEngine implements AutoCloseable {
        private final RolloutRig rig;
        private final boolean sameDirectory;
        private final Path directory;
        private RolloutEngine engine;
        private int passes;

        private SecondEngine(RolloutRig rig, boolean sameDirectory, Path directory) {
            this.rig = rig;
            this.sameDirectory = sameDirectory;
            this.directory = directory;
        }

        static SecondEngine start(RolloutRig first, String id, String target, RolloutSettings settings, boolean sameDirectory,
                                  Path journals, List<String> problems) throws Exception {
            Path dir = sameDirectory ? journals : Files.createTempDirectory("rollout-chaos-second");
            SecondEngine s = new SecondEngine(first.another(dir, false), sameDirectory, dir);
            int lines = first.journal.lines(id).size();
            try {
                if (sameDirectory) {
                    // It finds the unfinished journal and resumes it, as --rollout does: refused while the first runs.
                    RolloutEngine.resume(id, s.rig.wiring.effects(settings), s.rig.journal, s.rig.sim.clock().instant());
                    problems.add("a second engine on the same data directory resumed the rollout");
                } else {
                    s.engine = RolloutEngine.start(PreflightReader.spec(s.rig.serviceSnapshot(),
                            s.rig.wiring.deploys().describe(target), settings), s.rig.wiring.effects(settings), s.rig.journal,
                            s.rig.sim.clock().instant());
                }
            } catch (RolloutRefused r) {
                if (!sameDirectory || r.code() != io.drainboard.profile.ExitCode.REFUSED) problems.add("second engine: " + r);
            } catch (RuntimeException readFailed) {
                // The second console could not read the service (a fault burst): it never started.
            }
            if (sameDirectory && first.journal.lines(id).size() != lines) problems.add("the second engine wrote in the journal");
            return s;
        }

        String describe() {
            return sameDirectory ? "same data directory" : "other data directory";
        }

        boolean done() {
            return engine == null || engine.ended() || passes > 200;
        }

        void step(List<String> problems) {
            passes++;
            try {
                rig.step(engine);
            } catch (RuntimeException e) {
                // a failed read: tried again next pass, as the runner does
            }
        }

        /** The second engine stopped at the service's lock, having changed nothing. */
        void finish(List<String> problems) {
            if (engine == null) return;
            RolloutStatus s = engine.status();
            if (!engine.ended()) problems.add("the second engine did not stop: " + s.line());
            for (RolloutJournal.Line l : rig.journal.lines(engine.id())) {
                if (l.event().startsWith("intent: ") && !l.event().contains("rollout lock")) {
                    problems.add("the second engine acted: " + l.event());
                }
            }
        }

        @Override
        public void close() {
            rig.closeKeepingSimulator();
            if (!sameDirectory) RolloutRig.delete(directory);
        }
    }

    /** A failing run explains itself: which task's calls were cut, how it ended, and the journal around it. */
    private static String whyCut(RolloutRig rig, String id) {
        StringBuilder b = new StringBuilder("\n  ground truth: ").append(rig.sim.groundTruth());
        rig.sim.model().read(m -> {
            for (var t : m.cluster(rig.cluster).orElseThrow().tasks().values()) {
                var counts = m.callCounts(t);
                if (counts.cut() > 0) b.append("\n  task ").append(t.id()).append(": ").append(counts.cut()).append(" cut; ")
                        .append(t.lastStatus()).append(", stopping at ").append(t.stoppingAt()).append(", stopped at ")
                        .append(t.stoppedAt()).append(", ").append(t.stopCode()).append(": ").append(t.stoppedReason())
                        .append(", protected until ").append(t.protectionExpiresAt()).append(", worker draining ")
                        .append(t.workerDraining());
            }
            return null;
        });
        for (RolloutJournal.Line l : rig.journal.lines(id)) b.append("\n  journal ").append(l.at()).append(" ").append(l.event());
        return b.toString();
    }

    private static Burst burst(SplittableRandom rnd) {
        int passes = 3 + rnd.nextInt(10);
        return switch (rnd.nextInt(3)) {
            case 0 -> new Burst(THROTTLED[rnd.nextInt(THROTTLED.length)],
                    new Faults.Rule(0.3 + 0.6 * rnd.nextDouble(), 0, 0, Duration.ZERO), passes);
            case 1 -> new Burst(FAILING[rnd.nextInt(FAILING.length)],
                    new Faults.Rule(0, 0.3 + 0.5 * rnd.nextDouble(), 0, Duration.ZERO), passes);
            default -> new Burst("*", new Faults.Rule(0, 0, 0, Duration.ofMillis(5 + rnd.nextInt(25))), 1 + rnd.nextInt(2));
        };
    }

    private static void applyFaults(RolloutRig rig, List<Burst> active) {
        rig.sim.faults().clear();
        for (Burst b : active) rig.sim.faults().set(b.key(), b.rule());
    }

    private static void check(RolloutRig rig, String target, RolloutStatus last, long cut, RolloutSettings s,
                              List<String> problems) {
        if (cut != 0) problems.add(cut + " call(s) cut");
        // What the rollout reports agrees with the ground truth: never clean when a call was cut, never a cut named
        // that did not happen (calls unknown at a stop, under a LiveKit fault burst, is said as unknown: not clean).
        if (last.ended() && cut != 0 && !last.notClean()) problems.add("reported clean with " + cut + " call(s) cut");
        if (last.ended() && cut == 0 && last.stops().likelyCut() > 0) {
            problems.add("named " + last.stops().likelyCut() + " call(s) likely cut, none was: " + last.endReason().orElse(""));
        }
        if (!last.ended()) problems.add("did not end: " + last.line());
        if (last.phase() == RolloutPhase.STOPPED && last.endReason().orElse("").isBlank()) problems.add("stopped without a reason");
        Instant now = rig.sim.clock().instant();
        ServiceState svc = rig.model();
        List<TaskState> live = svc.tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())).toList();
        for (TaskState t : live) {
            Instant exp = t.protectionExpiresAt();
            if (t.isProtected() && (exp == null || exp.isAfter(now.plus(s.lease())))) {
                problems.add("task " + t.id() + " protected without a bounded expiry: " + exp);
            }
            // A lean outlives the console by at most its time-to-live (the worker lets it lapse).
            if (t.leaned(now.plus(Leaner.TTL).plusSeconds(1))) problems.add("task " + t.id() + " leaned beyond the lean's TTL");
        }
        if (last.phase() == RolloutPhase.COMPLETED) {
            if (!live.stream().allMatch(t -> t.taskDefinitionArn().equals(target))) problems.add("a task is not on the target");
            if (live.stream().anyMatch(TaskState::isProtected)) problems.add("protection left after completion");
            if (live.stream().anyMatch(t -> t.leaned(now))) problems.add("a task left leaned after completion");
            if (svc.maximumPercent() != 200) problems.add("maximumPercent not restored: " + svc.maximumPercent());
            if (rig.sim.scalableTargets().target("service/voice/agent").scaleInSuspended()) problems.add("scale-in still suspended");
            if (rig.sim.model().tags(svc.arn()).containsKey(LockHolder.TAG)) problems.add("lock left on the service");
        }
    }
}

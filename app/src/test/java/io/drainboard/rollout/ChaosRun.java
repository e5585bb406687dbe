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
 * mutation) and restarted as a new engine resuming from the journal. What it must hold: no call cut, the
 * rollout ends (completed, or stopped with a reason), every protected task has an expiry, and a completed
 * rollout leaves the service on the new revision with everything restored.
 */
final class ChaosRun {
    static final Duration PASS = Duration.ofSeconds(10);
    static final Duration LIMIT = Duration.ofHours(4);
    private static final String[] THROTTLED = {"ecs:*", "application-autoscaling:*", "livekit:*", "*"};
    private static final String[] FAILING = {"ecs:*", "ecs:UpdateTaskProtection", "ecs:StopTask", "ecs:ExecuteCommand",
            "ecs:UpdateService", "ecs:TagResource", "ecs:ListTagsForResource", "application-autoscaling:*"};

    record Outcome(long seed, String cordon, int maxParallel, RolloutPhase phase, String endReason, long cut,
                   int faultBursts, int kills, List<String> problems, Duration took) {
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
                rig.sim.advance(PASS);
                spent = spent.plus(PASS);
                active.replaceAll(b -> new Burst(b.key(), b.rule(), b.passesLeft() - 1));
                active.removeIf(b -> b.passesLeft() <= 0);
            }
            rig.sim.faults().clear();
            last = rig.step(e);
            rig.sim.advance(Duration.ofMinutes(3)); // a SIGKILL comes at most stopTimeout after a SIGTERM
            long cut = rig.callsCut() - cut0;
            check(rig, target, last, cut, settings, problems);
            if (cut != 0) problems.add(whyCut(rig, id));
            return new Outcome(seed, cordon.name(), k, last.phase(), last.endReason().orElse(last.waitingFor()), cut,
                    bursts, kills, problems, spent);
        } finally {
            rig.close();
            RolloutRig.delete(journals);
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

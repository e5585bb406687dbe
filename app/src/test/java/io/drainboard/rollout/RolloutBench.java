package io.drainboard.rollout;

import io.drainboard.profile.Profile;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.ServiceUpdate;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native ECS rolling deploy vs Drainboard's rollout on the same scenario and seed (rollout-bench: 20 Fargate
 * tasks at 70 % load, calls lognormal median 4 min / p99 25 min, stopTimeout 120 s), in virtual time.
 * Calls cut from the simulator's ground truth; the rollout's duration against a lower bound for its
 * maxParallel, computed from the same run:
 * <pre>
 *   LB(k) = max( G + max( max_i D_i,  Σ_i D_i / k ),  E_0 )
 * </pre>
 * E_0: from the start to the end of the last of the calls on the service at the start (ground truth). They are all
 * on old tasks, a call never moves, its length was drawn when it began, and no old task may stop with a call: no
 * rollout of any order ends before E_0. The other term is the packing of this run's drains:
 * D_i: from the cordon of old task i (journal) to the end of its last call (ground truth: the latest end of
 * the calls on it once its worker is cordoned, when no call can join them);
 * G: from the start to the first moment a task of the new revision has been taking calls for the gate (its
 * first call, ground truth, + 60 s). The issue gates every step on a replacement running and taking calls for
 * a minimum time, so no rollout that keeps that rule can cordon sooner; the new tasks' start-up (S, created →
 * RUNNING) is inside G. With at most k tasks draining at once, no rollout of these drains can end sooner: k
 * slots drain the tasks one after another. It charges nothing for later replacements (the spares hide them),
 * nor for the 5 s refresh — and it packs the drains knowing their lengths, which no rollout can: a drain's
 * length is that of the calls on the task when it is cordoned, heavy-tailed and unknown then.
 * Diagnostics: {@code -Dbench.seeds=N} runs each maxParallel over seeds 1..N of the scenario (mean ratio and
 * duration); {@code -Dbench.waits=true} says why slots stood free; {@code -Dbench.timeline=true} prints the
 * journal and each task's cordon and idle times.
 * Run: docs/benchmarks.md.
 */
@Tag("bench")
public class RolloutBench {
    /** No spares given: the engine's default (RolloutSettings.defaultSpares), worked out once the service is read. */
    private static final int DEFAULT_SPARES = -1;

    /** -Dbench.scenario=rollout-bench-ec2: the EC2 variant (stopTimeout 900 s). */
    static final String SCENARIO = System.getProperty("bench.scenario", "rollout-bench");

    /**
     * -Dbench.strict=false: the lenient DEPLOYMENT_BLOCKED reading (docs/simulator.md "Rules and switches"); the
     * simulator's default, strict, otherwise. -Dbench.lag=SECONDS: another read-after-write lag (default 5).
     */
    static void rules(Simulator sim) {
        sim.model().setRules(sim.model().rules().withStrictProtectionLimit(Boolean.parseBoolean(System.getProperty("bench.strict", "true")))
                .withReadAfterWriteLag(Duration.ofSeconds(Long.getLong("bench.lag", 5))));
    }
    static final Duration PASS = Duration.ofSeconds(5);

    public static void main(String[] args) {
        io.drainboard.BenchData.isolate();
        int code = 0;
        try {
            new RolloutBench().nativeVersusDrainboard();
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code); // the SDK's and LiveKit's pools keep non-daemon threads
    }

    /** A run; {@code packed} is G + max(max D, ΣD / k) alone, the bound before the calls at the start were counted. */
    record Result(String what, long cut, long started, Duration duration, Duration lowerBound, Duration packed) {
        String row() {
            return String.format("| %s | %d | %d | %s | %s | %s | %s |", what, cut, started, hm(duration),
                    lowerBound == null ? "—" : hm(lowerBound), lowerBound == null ? "—" : ratio(duration, lowerBound),
                    packed == null ? "—" : ratio(duration, packed));
        }
    }

    /** The bound and its packing term alone (see the class comment). */
    record Bound(Duration lower, Duration packed) {
    }

    /**
     * The same rollouts over other seeds of the scenario ({@code -Dbench.seeds=N}): one seed's ratio hangs on
     * its longest late drain (a heavy-tailed call), so policies are compared on the mean over seeds.
     */
    static void overSeeds(int seeds) throws Exception {
        for (String k : System.getProperty("bench.runs", "1,2,4").split(",")) {
            String[] p = k.trim().split(":");
            double sum = 0, worst = 0, minutes = 0, sumPacked = 0;
            int n = seedList(seeds).size();
            StringBuilder each = new StringBuilder(), eachMinutes = new StringBuilder();
            for (int seed : seedList(seeds)) {
                Result r = seeded(SCENARIO, seed, Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : DEFAULT_SPARES);
                double ratio = r.duration().toSeconds() / (double) r.lowerBound().toSeconds();
                sum += ratio;
                sumPacked += r.duration().toSeconds() / (double) r.packed().toSeconds();
                minutes += r.duration().toSeconds() / 60.0;
                worst = Math.max(worst, ratio);
                each.append(String.format(" %.2f", ratio));
                eachMinutes.append(String.format(" %.1f", r.duration().toSeconds() / 60.0));
                assertEquals(0, r.cut(), "seed " + seed + " cuts no call");
            }
            System.out.printf("maxParallel %s over %d seeds: mean ratio %.2f, worst %.2f (%s), mean duration %.1f min (%s);"
                    + " mean ratio to the packing term alone %.2f%n", k, n, sum / n, worst, each.toString().trim(),
                    minutes / n, eachMinutes.toString().trim(), sumPacked / n);
        }
    }

    /** One Drainboard rollout on {@code scenario} with its seed replaced by {@code seed}; spares -1: the engine's default. */
    static Result seeded(String scenario, int seed, int k, int spares) throws Exception {
        String yaml = Files.readString(RolloutRig.SCENARIOS.resolve(scenario + ".yaml"));
        Path f = Files.createTempFile(scenario + "-seed" + seed, ".yaml");
        try {
            Files.writeString(f, yaml.replaceFirst("(?m)^seed: .*$", "seed: " + seed));
            return new RolloutBench().drainboard(f.toString().substring(0, f.toString().length() - ".yaml".length()), k, spares);
        } finally {
            Files.delete(f);
        }
    }

    /** Seeds 1..N, or only those of {@code -Dbench.only=3,12} (to look again at one seed's run). */
    static List<Integer> seedList(int seeds) {
        String only = System.getProperty("bench.only");
        if (only != null) return java.util.Arrays.stream(only.split(",")).map(String::trim).map(Integer::parseInt).toList();
        return java.util.stream.IntStream.rangeClosed(1, seeds).boxed().toList();
    }

    @Test
    void nativeVersusDrainboard() throws Exception {
        if (Integer.getInteger("bench.seeds", 0) > 0) {
            overSeeds(Integer.getInteger("bench.seeds"));
            return;
        }
        List<Result> results = new ArrayList<>();
        results.add(nativeDeploy());
        // maxParallel[:spares], the engine's default spares unless given
        for (String k : System.getProperty("bench.runs", "1,2,4,1:1,2:2,4:4,4:1").split(",")) {
            String[] p = k.trim().split(":");
            results.add(drainboard(Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : DEFAULT_SPARES));
        }
        System.out.println("| run | calls cut | calls started | duration | lower bound | ratio | ratio to packing term alone |");
        System.out.println("|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(r.row()));
        assertTrue(results.get(0).cut() > 0, "the native deploy cuts calls");
        for (Result r : results.subList(1, results.size())) assertEquals(0, r.cut(), r.what() + " cuts no call");
    }

    private Result nativeDeploy() {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(RolloutRig.SCENARIOS.resolve(SCENARIO + ".yaml").toString()))) {
            rules(sim);
            ServiceState s = service(sim);
            String target = sim.model().read(m -> {
                var old = m.taskDefinition(s.taskDefinitionArn()).orElseThrow();
                return m.registerTaskDefinition(old.family(), null, old.cpu(), old.memory(), old.networkMode(),
                        old.requiresCompatibilities(), old.containers()).arn();
            });
            long cut0 = sim.groundTruth().callsCut(), started0 = sim.groundTruth().callsStarted();
            Instant t0 = sim.clock().instant();
            sim.model().updateService(s, ServiceUpdate.taskDefinition(target));
            Duration d = Duration.ZERO;
            while (d.compareTo(Duration.ofHours(2)) < 0) {
                sim.advance(PASS);
                d = d.plus(PASS);
                boolean done = sim.model().read(m -> s.deployments().size() == 1
                        && "COMPLETED".equals(s.primaryDeployment().rolloutState())
                        && s.tasks().stream().allMatch(t -> "STOPPED".equals(t.lastStatus()) || t.taskDefinitionArn().equals(target)));
                if (done) break;
            }
            sim.advance(Duration.ofMinutes(3)); // SIGKILLs land up to stopTimeout after the last SIGTERM
            return new Result("native ECS rolling deploy (min 100 %, max 200 %)", sim.groundTruth().callsCut() - cut0,
                    sim.groundTruth().callsStarted() - started0, Duration.between(t0, sim.clock().instant()).minusMinutes(3),
                    null, null);
        }
    }

    private Result drainboard(int k, int spares) throws Exception {
        return drainboard(SCENARIO, k, spares);
    }

    private Result drainboard(String scenario, int k, int spares) throws Exception {
        Path journals = Files.createTempDirectory("rollout-bench");
        try (RolloutRig rig = new RolloutRig(scenario, "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setStoppedTaskRetention(Duration.ofHours(48)); // the new tasks' start-ups, for LB
            rules(rig.sim);
            String target = rig.newRevision();
            long cut0 = rig.callsCut(), started0 = rig.sim.groundTruth().callsStarted();
            Instant t0 = rig.sim.clock().instant();
            // Every call on the service now is on an old task, which no rollout may stop before the call ends.
            Instant lastCallNowEnds = rig.sim.model().read(m -> rig.model().tasks().stream().flatMap(t -> t.calls().values().stream())
                    .map(c -> c.endsAt()).max(Instant::compareTo).orElse(t0));
            // -Dbench.lean=false: the same engine without leaning the old tasks (the figures before it).
            // -Dbench.gate=SECONDS (diagnostic): another gate, to see how much of a run the replacements' gates take.
            RolloutSettings settings = rig.settings(k).withLean(Boolean.parseBoolean(System.getProperty("bench.lean", "true")));
            int desired = rig.sim.model().read(m -> rig.model().desiredCount());
            settings = settings.withSpares(spares >= 0 ? spares : RolloutSettings.defaultSpares(k, desired, settings.lean()));
            if (System.getProperty("bench.gate") != null) settings = settings.withGate(Duration.ofSeconds(Long.getLong("bench.gate")));
            RolloutEngine e = rig.start(target, settings);
            Map<String, Instant> idleAt = new HashMap<>();
            Map<String, String> callsAtCordon = new HashMap<>();
            Map<String, Long> waits = new java.util.TreeMap<>();
            Instant[] firstCall = {null};
            RolloutStatus end = rig.step(e);
            for (Duration spent = Duration.ZERO; !e.ended() && spent.compareTo(Duration.ofHours(12)) < 0; spent = spent.plus(PASS)) {
                rig.sim.advance(PASS);
                end = rig.step(e);
                if (Boolean.getBoolean("bench.waits") && end.draining().size() < k) {
                    String w = end.waitingFor();
                    long oldLeft = rig.sim.model().read(m -> rig.model().tasks().stream().filter(t -> !"STOPPED".equals(t.desiredStatus())
                            && !t.taskDefinitionArn().equals(target)).count());
                    String kind = oldLeft <= end.draining().size() && !e.ended() ? "end-game (every old task cordoned)"
                            : w.contains("taking calls for") ? "gate" : w.contains("first call") ? "first call"
                            : w.contains("to start") ? "start-up" : w.equals("draining") ? "end-game (no task left to cordon)" : w;
                    waits.merge(kind, 5L, Long::sum);
                }
                Instant now = rig.sim.clock().instant();
                if (Boolean.getBoolean("bench.landings")) landings(rig, target, t0, now);
                if (firstCall[0] == null) {
                    // The first call a replacement took (the earliest over all of them, should two take their first
                    // calls within one pass): no rollout may cordon before the gate has run from it.
                    firstCall[0] = rig.sim.model().read(m -> rig.model().tasks().stream().filter(t -> t.taskDefinitionArn().equals(target))
                            .flatMap(t -> t.calls().values().stream()).map(c -> c.startedAt()).min(Instant::compareTo).orElse(null));
                }
                for (TaskState t : rig.model().tasks()) {
                    if (!t.workerDraining() || idleAt.containsKey(t.id())) continue;
                    // Cordoned: no call joins those on it, so the last of them to end is when it goes idle.
                    idleAt.put(t.id(), rig.sim.model().read(m -> t.calls().values().stream().map(c -> c.endsAt())
                            .max(Instant::compareTo).orElse(now)));
                    if (Boolean.getBoolean("bench.timeline")) callsAtCordon.put(t.id(), rig.sim.model().read(m -> t.calls().values().stream()
                            .map(c -> Duration.between(t0, c.startedAt()).toSeconds() + "→" + Duration.between(t0, c.endsAt()).toSeconds())
                            .sorted().toList().toString()));
                }
            }
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            if (Boolean.getBoolean("bench.timeline")) callsAtCordon.forEach((t, calls) -> System.out.printf("  CALLS %s %s%n", t.substring(0, 6), calls));
            if (Boolean.getBoolean("bench.waits")) waits.forEach((w, sec) -> System.out.printf("  slot free %5d s: %s%n", sec, w));
            Duration took = Duration.between(t0, rig.sim.clock().instant());
            rig.sim.advance(Duration.ofMinutes(3));
            Bound b = lowerBound(rig, e.id(), k, target, t0, idleAt,
                    firstCall[0] == null ? null : firstCall[0].plus(settings.gate()), lastCallNowEnds);
            return new Result("Drainboard rollout, maxParallel " + k + ", spares " + settings.spares(), rig.callsCut() - cut0,
                    rig.sim.groundTruth().callsStarted() - started0, took, b.lower(), b.packed());
        } finally {
            RolloutRig.delete(journals);
        }
    }

    /**
     * -Dbench.landings=true (diagnostic): each call that began on an old task in the last pass, with the room the
     * new tasks had then (a call on an old task not yet cordoned may decide the rollout's end).
     */
    static void landings(RolloutRig rig, String target, Instant t0, Instant now) {
        rig.sim.model().read(m -> {
            List<TaskState> tasks = rig.model().tasks().stream().filter(t -> !"STOPPED".equals(t.lastStatus())).toList();
            for (TaskState t : tasks) {
                if (t.taskDefinitionArn().equals(target)) continue;
                for (var c : t.calls().values()) {
                    if (c.startedAt().isAfter(now.minus(PASS))) {
                        long oldServing = tasks.stream().filter(x -> !x.taskDefinitionArn().equals(target) && x.worker().takesCalls()).count();
                        long newServing = tasks.stream().filter(x -> x.taskDefinitionArn().equals(target) && x.worker().takesCalls()).count();
                        long newCalls = tasks.stream().filter(x -> x.taskDefinitionArn().equals(target)).mapToLong(x -> x.calls().size()).sum();
                        long newAll = tasks.stream().filter(x -> x.taskDefinitionArn().equals(target)).count();
                        System.out.printf("  LAND %5d s on %s (%d s long, leaned %s): old taking calls %d, new %d taking calls of %d, %d calls on new%n",
                                Duration.between(t0, c.startedAt()).toSeconds(), t.id().substring(0, 6),
                                Duration.between(c.startedAt(), c.endsAt()).toSeconds(), t.leaned(now), oldServing, newServing, newAll, newCalls);
                    }
                }
            }
            return null;
        });
    }

    /** LB(k) from the run's ground truth; see the class comment. */
    static Bound lowerBound(RolloutRig rig, String id, int k, String target, Instant t0, Map<String, Instant> idleAt,
                            Instant gateReady, Instant lastCallAtStartEnds) {
        Map<String, Instant> cordoned = new HashMap<>();
        for (RolloutJournal.Line l : rig.journal.lines(id)) {
            if (l.event().startsWith("done: cordon ")) cordoned.put(l.event().substring("done: cordon ".length()).split(" ")[0], l.at());
        }
        List<Long> drains = new ArrayList<>();
        List<Long> startUps = new ArrayList<>();
        for (TaskState t : rig.model().tasks()) {
            Instant c = cordoned.get(t.id());
            Instant idle = idleAt.get(t.id());
            if (c != null && idle != null) drains.add(Math.max(0, Duration.between(c, idle).toSeconds()));
            if (t.taskDefinitionArn().equals(target) && t.startedAt() != null && t.createdAt().isAfter(t0)) {
                startUps.add(Duration.between(t.createdAt(), t.startedAt()).toSeconds());
            }
        }
        if (Boolean.getBoolean("bench.timeline")) {
            for (RolloutJournal.Line l : rig.journal.lines(id)) {
                System.out.printf("  %5d s  %s%n", Duration.between(t0, l.at()).toSeconds(), l.event());
            }
            for (TaskState t : rig.model().tasks()) {
                Instant c = cordoned.get(t.id());
                Instant idle = idleAt.get(t.id());
                if (c != null && idle != null) System.out.printf("  TL %s cordon %5d idle %5d%n", t.id().substring(0, 6),
                        Duration.between(t0, c).toSeconds(), Duration.between(t0, idle).toSeconds());
            }
        }
        startUps.sort(Long::compare);
        long s = startUps.isEmpty() ? 0 : startUps.get(startUps.size() / 2);
        long sum = 0, max = 0;
        for (long d : drains) {
            sum += d;
            max = Math.max(max, d);
        }
        long g = gateReady == null ? s : Math.max(s, Duration.between(t0, gateReady).toSeconds());
        long packed = g + Math.max(max, (sum + k - 1) / k);
        long callsAtStart = Duration.between(t0, lastCallAtStartEnds).toSeconds();
        System.out.printf("maxParallel %d: %d drains, mean drain %.1f min, start-up (median) %d s, first gate passed %d s,"
                        + " packing term %d s, last call at the start ends at %d s%n", k, drains.size(),
                drains.stream().mapToLong(Long::longValue).average().orElse(0) / 60, s, g, packed, callsAtStart);
        return new Bound(Duration.ofSeconds(Math.max(packed, callsAtStart)), Duration.ofSeconds(packed));
    }

    private static ServiceState service(Simulator sim) {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
    }

    private static String ratio(Duration d, Duration bound) {
        return String.format("%.2f", d.toSeconds() / (double) bound.toSeconds());
    }

    private static String hm(Duration d) {
        long m = Math.round(d.toSeconds() / 60.0);
        return m / 60 + " h " + String.format("%02d", m % 60) + " m";
    }
}

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
 *   LB(k) = S + max( max_i D_i,  Σ_i D_i / k )
 * </pre>
 * D_i: from the cordon of old task i (journal) to the end of its last call (ground truth: the latest end of
 * the calls on it once its worker is cordoned, when no call can join them);
 * S: the median start-up of the new tasks (created → RUNNING, ground truth). With at most k tasks draining
 * at once, no rollout of these drains can be faster: k slots drain the tasks one after another, and a
 * replacement must be up before the first task is cordoned. It charges nothing for replacements started
 * during later drains (the rollout's spare hides them), nor for the rollout's own policy: the gate (a
 * replacement taking calls for 60 s), waiting for a replacement's first call, the 5 s refresh.
 * Run: docs/benchmarks.md.
 */
@Tag("bench")
public class RolloutBench {
    static final String SCENARIO = "rollout-bench";
    static final Duration PASS = Duration.ofSeconds(5);

    public static void main(String[] args) {
        int code = 0;
        try {
            new RolloutBench().nativeVersusDrainboard();
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code); // the SDK's and LiveKit's pools keep non-daemon threads
    }

    record Result(String what, long cut, long started, Duration duration, Duration lowerBound) {
        String row() {
            return String.format("| %s | %d | %d | %s | %s | %s |", what, cut, started, hm(duration),
                    lowerBound == null ? "—" : hm(lowerBound),
                    lowerBound == null ? "—" : String.format("%.2f", duration.toSeconds() / (double) lowerBound.toSeconds()));
        }
    }

    @Test
    void nativeVersusDrainboard() throws Exception {
        List<Result> results = new ArrayList<>();
        results.add(nativeDeploy());
        // maxParallel[:spares]
        for (String k : System.getProperty("bench.runs", "1,2,4,4:4").split(",")) {
            String[] p = k.trim().split(":");
            results.add(drainboard(Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 1));
        }
        System.out.println("| run | calls cut | calls started | duration | lower bound | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(r.row()));
        assertTrue(results.get(0).cut() > 0, "the native deploy cuts calls");
        for (Result r : results.subList(1, results.size())) assertEquals(0, r.cut(), r.what() + " cuts no call");
    }

    private Result nativeDeploy() {
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(RolloutRig.SCENARIOS.resolve(SCENARIO + ".yaml").toString()))) {
            ServiceState s = service(sim);
            String target = sim.model().read(m -> m.registerTaskDefinition("agent", null, "2048", "4096", "awsvpc",
                    List.of("FARGATE"), m.taskDefinition(s.taskDefinitionArn()).orElseThrow().containers()).arn());
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
                    null);
        }
    }

    private Result drainboard(int k, int spares) throws Exception {
        Path journals = Files.createTempDirectory("rollout-bench");
        try (RolloutRig rig = new RolloutRig(SCENARIO, "voice", "agent", Profile.CordonMethod.HTTP, journals)) {
            rig.sim.model().setStoppedTaskRetention(Duration.ofHours(48)); // the new tasks' start-ups, for LB
            String target = rig.newRevision();
            long cut0 = rig.callsCut(), started0 = rig.sim.groundTruth().callsStarted();
            Instant t0 = rig.sim.clock().instant();
            RolloutEngine e = rig.start(target, rig.settings(k).withSpares(spares));
            Map<String, Instant> idleAt = new HashMap<>();
            RolloutStatus end = rig.step(e);
            for (Duration spent = Duration.ZERO; !e.ended() && spent.compareTo(Duration.ofHours(12)) < 0; spent = spent.plus(PASS)) {
                rig.sim.advance(PASS);
                end = rig.step(e);
                Instant now = rig.sim.clock().instant();
                for (TaskState t : rig.model().tasks()) {
                    if (!t.workerDraining() || idleAt.containsKey(t.id())) continue;
                    // Cordoned: no call joins those on it, so the last of them to end is when it goes idle.
                    idleAt.put(t.id(), rig.sim.model().read(m -> t.calls().values().stream().map(c -> c.endsAt())
                            .max(Instant::compareTo).orElse(now)));
                }
            }
            assertEquals(RolloutPhase.COMPLETED, end.phase(), end.line());
            Duration took = Duration.between(t0, rig.sim.clock().instant());
            rig.sim.advance(Duration.ofMinutes(3));
            return new Result("Drainboard rollout, maxParallel " + k + ", spares " + spares, rig.callsCut() - cut0,
                    rig.sim.groundTruth().callsStarted() - started0, took, lowerBound(rig, e.id(), k, target, t0, idleAt));
        } finally {
            RolloutRig.delete(journals);
        }
    }

    /** LB(k) from the run's ground truth; see the class comment. */
    static Duration lowerBound(RolloutRig rig, String id, int k, String target, Instant t0, Map<String, Instant> idleAt) {
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
        startUps.sort(Long::compare);
        long s = startUps.isEmpty() ? 0 : startUps.get(startUps.size() / 2);
        long sum = 0, max = 0;
        for (long d : drains) {
            sum += d;
            max = Math.max(max, d);
        }
        System.out.printf("maxParallel %d: %d drains, mean drain %.1f min, start-up (median) %d s%n", k, drains.size(),
                drains.stream().mapToLong(Long::longValue).average().orElse(0) / 60, s);
        return Duration.ofSeconds(s + Math.max(max, (sum + k - 1) / k));
    }

    private static ServiceState service(Simulator sim) {
        return sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
    }

    private static String hm(Duration d) {
        long m = Math.round(d.toSeconds() / 60.0);
        return m / 60 + " h " + String.format("%02d", m % 60) + " m";
    }
}

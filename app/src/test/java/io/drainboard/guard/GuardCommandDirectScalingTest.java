package io.drainboard.guard;

import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.audit.AuditEntry;
import io.drainboard.aws.AwsClients;
import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.drain.FleetActions;
import io.drainboard.fleet.FleetRefresher;
import io.drainboard.profile.ExitCode;
import io.drainboard.profile.Profile;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.ServiceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code drainboard guard} end to end with {@code guard.scaling.direct} in its profile: the command line's own wiring
 * ({@link GuardCommand#main}) on the real SDK clients against the simulator in virtual time, with the simulator's
 * autoscaler off so the guard is the only writer of the count. Two tasks of 5 sessions take 3 calls; at 2 minutes 25
 * six-minute calls arrive at once. The desired count rises on the next reading, falls once the aim stayed below it
 * for the profile's 3 readings after the calls ended, every change is in the audit log (intent, then ok), and no call
 * is cut (ground truth). The host the test hands to the command moves virtual time one minute before each of the
 * command's readings, so the command's loop runs as it does in production, one reading a refresh.
 */
class GuardCommandDirectScalingTest {
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final int MINUTES = 18;
    private static final int CAPACITY = 5;
    private static final String SCENARIO = """
            name: guard-command-direct
            seed: 5
            start: "2026-06-01T09:00:00Z"
            warmup: 1m
            clusters:
              - name: voice
                services:
                  - name: agent
                    launchType: FARGATE
                    desiredCount: 2
                    taskDefinition: {family: agent, revision: 1, containers: [{name: agent, stopTimeout: 120}]}
                    worker: {capacity: 5, drainTimeout: 60m}
                    traffic: {load: 0, median: 4m, p99: 10m}
            """;

    private String dataDirBefore;

    @BeforeEach
    void keepDataDir() {
        dataDirBefore = System.getProperty("drainboard.dataDir");
    }

    @AfterEach
    void restoreDataDir() {
        if (dataDirBefore == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", dataDirBefore);
    }

    /**
     * The console the command opens, on the test's simulator: before each of the command's readings ({@link
     * #refresher}) it moves virtual time a step and offers the step's calls; after the last step it holds the command
     * until the test interrupts it. Closing it leaves the console to the test, which reads the ground truth after.
     */
    private static final class SteppedHost implements GuardHost {
        final Console console;
        final Simulator sim;
        final ServiceState service;
        final AtomicInteger minute = new AtomicInteger();
        final List<Integer> desiredEachMinute = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);

        SteppedHost(Console console, Simulator sim) {
            this.console = console;
            this.sim = sim;
            this.service = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent"));
        }

        @Override
        public FleetRefresher refresher() {
            int m = minute.getAndIncrement();
            if (m >= MINUTES) {
                desiredEachMinute.add(sim.model().read(x -> service.desiredCount())); // the last pass's write
                done.countDown();
                try {
                    new CountDownLatch(1).await(); // until the test interrupts the command
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the test stopped the guard");
            }
            sim.model().read(x -> {
                if (m == 0) for (int i = 0; i < 3; i++) x.offerCall(service, Duration.ofMinutes(14), Duration.ofSeconds(90));
                if (m == 2) for (int i = 0; i < 25; i++) x.offerCall(service, Duration.ofMinutes(6), Duration.ofSeconds(120));
                return null;
            });
            sim.advance(STEP);
            desiredEachMinute.add(sim.model().read(x -> service.desiredCount()));
            return console.refresher();
        }

        @Override
        public Clock clock() {
            return console.clock();
        }

        @Override
        public List<AwsClients> aws() {
            return console.aws();
        }

        @Override
        public FleetActions actions() {
            return console.actions();
        }

        @Override
        public void close() {
            // the test closes the console once it has read the ground truth
        }
    }

    @Test
    void theGuardCommandSetsTheCountFromItsProfilesDirectScalingUpAtOnceDownAfterItsReadingsAuditedNoneCut(
            @TempDir Path dir) throws Exception {
        System.setProperty("drainboard.dataDir", dir.resolve("data").toString());
        Path scenario = dir.resolve("direct.yaml");
        Files.writeString(scenario, SCENARIO);
        Path profile = dir.resolve("guard.yaml");
        Files.writeString(profile, String.join("\n", "name: guard-direct", "region: us-east-1",
                "simulator: {scenario: '" + scenario + "'}", "clusters: [voice]", "refresh: 1s", "readOnly: false",
                "guard: {scaling: {direct: {scaleInAfter: 3m, lead: 3m, share: 0.1}}}", ""));
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(scenario.toString()));
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(sim)) {
            String arn = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").arn());
            sim.model().tagResource(arn, Map.of(SessionFigures.CAPACITY_TAG, Integer.toString(CAPACITY)));
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(ScalableTargetGateway.resourceId("voice", "agent")).minCapacity(2).maxCapacity(12));
            long cutBefore = sim.groundTruth().callsCut();
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            SteppedHost[] host = new SteppedHost[1];
            int[] code = {-1};
            Thread guard = new Thread(() -> code[0] = GuardCommand.main(
                    List.of("guard", "--profile", profile.toString(), "--port", "0", "--lease-ttl", "5m"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    (Profile p) -> host[0] = new SteppedHost(Console.onSimulator(p, sim), sim)), "guard-command");
            guard.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (host[0] == null && guard.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
                assertTrue(host[0] != null, "the command opened its host: " + err.toString(StandardCharsets.UTF_8));
                assertTrue(host[0].done.await(3, TimeUnit.MINUTES), "the command read " + MINUTES + " times:\n" + out);
            } finally {
                guard.interrupt();
                guard.join(TimeUnit.SECONDS.toMillis(30));
            }
            String log = out.toString(StandardCharsets.UTF_8);
            try (Console console = host[0].console) {
                assertEquals(ExitCode.STOPPED.code(), code[0], log + err.toString(StandardCharsets.UTF_8));
                assertTrue(log.contains("direct scaling on (desired count from the headroom's aim: lead 180 s, share 0.1,"
                        + " scale-in after 3 min)"), log);
                List<Integer> desired = host[0].desiredEachMinute;
                int peak = desired.stream().mapToInt(Integer::intValue).max().orElseThrow();
                int peakAt = desired.indexOf(peak);
                // The surge is offered at minute 2 and read after it; the next reading (minute 3) writes the new count.
                assertTrue(peak > 2, "the surge raised the count: " + desired + "\n" + log);
                assertTrue(desired.subList(0, 5).contains(peak), "raised at once, within two readings of the surge: "
                        + desired + "\n" + log);
                // The reading right after the surge was offered (09:03) already raises the count: the 10 sessions two
                // tasks hold, with the ramp's room; the next, with more of the surge seated, raises it again.
                assertTrue(java.util.regex.Pattern.compile("09:03:00Z voice/agent direct scaling: desired count 2 → \\d+"
                        + " \\(up at once\\)").matcher(log).find(), log);
                int last = desired.get(desired.size() - 1);
                assertTrue(last < peak && last >= 2, "the lull lowered it, not below the target's min: " + desired + "\n" + log);
                assertTrue(log.contains("(aim below the count for 3 readings)"), log);
                assertTrue(desired.lastIndexOf(peak) >= peakAt + 3, "held for the readings after the surge: " + desired);
                List<AuditEntry> sets = console.actions().audit().recent(10_000).stream()
                        .filter(e -> e.action().equals("set-desired-count")).toList();
                long intents = sets.stream().filter(e -> e.phase() == AuditEntry.Phase.INTENT).count();
                long ok = sets.stream().filter(e -> e.phase() == AuditEntry.Phase.RESULT && "ok".equals(e.outcome())).count();
                int changes = 0;
                for (int i = 1; i < desired.size(); i++) if (!desired.get(i).equals(desired.get(i - 1))) changes++;
                assertTrue(intents >= 2 && intents == ok, "each change audited, then done: " + sets);
                assertEquals(changes, intents, "one audit entry per change of the count: " + desired + " " + sets);
                assertTrue(sets.stream().allMatch(e -> e.targets().equals(List.of("voice/agent"))
                        && e.reason().startsWith("guard service direct scaling: aim")), sets.toString());
                assertEquals(0, sim.groundTruth().callsCut() - cutBefore, "no call cut:\n" + log);
            }
        }
    }
}

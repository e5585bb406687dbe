package io.drainboard.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.calls.CloudWatchCalls;
import io.drainboard.drain.DrainStatus;
import io.drainboard.drain.FleetActions;
import io.drainboard.drain.InstanceDrainStatus;
import io.drainboard.fleet.InstanceSnapshot;
import io.drainboard.drain.ScaleInStatus;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.history.Backfill;
import io.drainboard.history.EcsHistoryGateway;
import io.drainboard.history.History;
import io.drainboard.history.HistorySettings;
import io.drainboard.history.MetricHistoryGateway;
import io.drainboard.audit.AuditLog;
import io.drainboard.rollout.PreflightReader;
import io.drainboard.scaling.CheckSettings;
import io.drainboard.scaling.Finding;
import io.drainboard.scaling.FixApplier;
import io.drainboard.scaling.ReadinessCheck;
import io.drainboard.scaling.ReadinessReport;
import io.drainboard.rollout.RolloutEngine;
import io.drainboard.rollout.RolloutJournal;
import io.drainboard.rollout.RolloutSettings;
import io.drainboard.rollout.RolloutWiring;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated IAM policy (docs/profiles.md) is exactly what the console uses. One simulator sees every flow of the
 * console — a read refresh, protect and release, guard mode, a drain with each cordon method, a safe
 * scale-in, a rollout (new revision, preflight, scale-in suspension, lock tag, drains) and a history
 * backfill — and records each request. Every AWS action sent must be granted by the operator policy, every
 * read by the read-only policy too, and the operator policy may grant nothing the console never sent
 * except the few below, each with its reason.
 */
class IamCoverageTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "iam-coverage.yaml");
    private static final Duration REFRESH = Duration.ofSeconds(15);
    /** The AWS services whose actions IAM governs; the simulator also logs LiveKit and worker requests. */
    private static final Set<String> AWS = Set.of("ecs", "application-autoscaling", "autoscaling", "cloudwatch");

    /** Granted though never sent to the simulator, and why. Each must stay unsent (kept honest below). */
    static final Map<String, String> GRANTED_UNSENT = Map.of(
            "iam:PassRole", "not an API call: IAM checks it when RegisterTaskDefinition names a task or execution "
                    + "role, which real task definitions do (the simulator's do not)");

    @Test
    void everyActionTheConsoleSendsIsGrantedAndTheOperatorPolicyGrantsNothingElse(@TempDir Path dir) throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        Profile profile = ProfileLoader.parse(Path.of("iam.yaml"), String.join("\n",
                "name: iam", "region: us-east-1", "clusters: [voice]", "simulator: {scenario: '" + SCENARIO + "'}", "refresh: 15s",
                "callLength: {median: 2m, p99: 10m}", "drain: {deadline: 30m, budget: 1, survivalBar: 0.999}",
                "cordon: {method: http}",
                "services:", "  exec-agent:", "    cordon: {method: exec-signal}", "  plain-agent:",
                "    cordon: {method: none}", ""));
        try (Console console = Console.onSimulator(profile, sim);
             ApplicationAutoScalingClient aas = SimClients.appAutoScaling(sim)) {
            // The operator's own setup, not the console's: a scalable target the rollout will suspend.
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/http-agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(8));
            // And for the readiness check: the EC2 service's scalable target with no policy (the simulator registers one
            // of its own), and a maximum its Auto Scaling group cannot hold.
            aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/ec2-agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(40));
            aas.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/voice/ec2-agent")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyName(io.drainboard.sim.autoscaling.ScalingDefaults.POLICY_NAME));
            sim.requests().reset();

            FleetActions actions = console.actions();
            FleetSnapshot s = refresh(console, sim);
            TaskSnapshot any = service(s, "http-agent").tasks().get(0);
            actions.protect("voice", List.of(any.arn()), 30, "iam coverage");
            actions.release("voice", List.of(any.arn()), "iam coverage");

            actions.guard("voice", "plain-agent", true);
            for (int i = 0; i < 8; i++) refresh(console, sim);
            actions.guard("voice", "plain-agent", false);

            for (String svc : List.of("http-agent", "exec-agent", "plain-agent")) {
                TaskSnapshot busiest = service(refresh(console, sim), svc).tasks().stream()
                        .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
                actions.drain("voice", svc, busiest.arn());
            }
            until(console, sim, 6 * 240, () -> actions.drains().stream().allMatch(d -> d.phase().finished()));
            assertTrue(actions.drains().stream().map(DrainStatus::phase).allMatch(p -> p.name().equals("DONE")),
                    actions.drains().toString());

            until(console, sim, 40, () -> steady(console.refresher().latest().orElseThrow(), "http-agent"));
            actions.scaleIn("voice", "http-agent", 1, "iam coverage");
            until(console, sim, 6 * 240, () -> actions.scaleInStatus("voice", "http-agent").orElseThrow().phase().finished());
            assertEquals(ScaleInStatus.Phase.DONE, actions.scaleInStatus("voice", "http-agent").orElseThrow().phase());

            // EC2 capacity: instance protection on and off, then a safe instance drain to DRAINING.
            InstanceSnapshot instance = refresh(console, sim).clusters().get(0).instances().stream()
                    .max(Comparator.comparingInt(InstanceSnapshot::calls)).orElseThrow();
            assertEquals(Optional.empty(), console.capacity().setProtection(instance, true, "iam coverage"));
            assertEquals(Optional.empty(), console.capacity().setProtection(instance, false, "iam coverage"));
            console.capacity().drain(instance, "iam coverage");
            until(console, sim, 6 * 240, () -> console.capacity().drainStatus(instance.arn()).orElseThrow().phase().finished());
            assertEquals(InstanceDrainStatus.Phase.DONE, console.capacity().drainStatus(instance.arn()).orElseThrow().phase());

            rollout(console, sim, dir);
            backfill(console, sim, dir);
            readiness(console, sim, dir);
            assertEquals(0, sim.groundTruth().callsCut(), "no flow cut a call");
        }

        Set<String> sent = new TreeSet<>();
        sim.requests().snapshot().keySet().stream().filter(k -> AWS.contains(k.substring(0, k.indexOf(':')))).forEach(sent::add);
        Set<String> operator = granted(IamPolicyGenerator.operatorPolicy(profile, true));
        Set<String> readOnly = granted(IamPolicyGenerator.operatorPolicy(profile, false));
        Set<String> mutating = new TreeSet<>();
        IamActions.ALL.stream().filter(IamActions.Action::mutating).forEach(a -> mutating.add(a.name()));
        System.out.println("AWS actions the console sent (" + sent.size() + "): " + sent);

        Set<String> uncovered = new TreeSet<>(sent);
        uncovered.removeAll(operator);
        assertEquals(Set.of(), uncovered, "sent but not granted by the operator policy");
        Set<String> readsUncovered = new TreeSet<>(sent);
        readsUncovered.removeAll(mutating);
        readsUncovered.removeAll(readOnly);
        assertEquals(Set.of(), readsUncovered, "reads not granted by the read-only policy");

        Set<String> unused = new TreeSet<>(operator);
        unused.removeAll(sent);
        assertEquals(new TreeSet<>(GRANTED_UNSENT.keySet()), unused, "granted but never sent (an exception needs a reason)");
        for (String e : GRANTED_UNSENT.keySet()) assertFalse(sent.contains(e), e + " is sent now: drop the exception");
        System.out.printf("IAM coverage: %d actions sent, all granted (operator %d, read-only %d); granted but unsent: %s%n",
                sent.size(), operator.size(), readOnly.size(), GRANTED_UNSENT.keySet());
    }

    /**
     * The guard service's policy ({@code --iam-policy P --guard}) is exactly what a guard sends: take the lease, protect,
     * mark, release for a scale-in ECS waits to do, publish the session figures, resign.
     */
    @Test
    void theGuardPolicyIsExactlyWhatTheGuardServiceSends(@TempDir Path dir) throws Exception {
        Simulator sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        Profile profile = ProfileLoader.parse(Path.of("iam.yaml"), String.join("\n",
                "name: iam", "region: us-east-1", "clusters: [voice]", "simulator: {scenario: '" + SCENARIO + "'}", "refresh: 15s", ""));
        try (Console console = Console.onSimulator(profile, sim)) {
            sim.requests().reset();
            io.drainboard.guard.GuardService guard = io.drainboard.guard.GuardServiceAccess.of(console, dir);
            FleetSnapshot s = null;
            for (int i = 0; i < 12; i++) {
                s = refresh(console, sim);
                guard.pass(s);
            }
            ServiceSnapshot svc = service(s, "http-agent");
            sim.model().read(m -> {
                m.setDesiredCount(m.cluster("voice").orElseThrow().services().get("http-agent"), svc.desiredCount() - 1);
                return null;
            });
            for (int i = 0; i < 6 * 60 && io.drainboard.guard.GuardServiceAccess.releases(guard) == 0; i++) {
                s = refresh(console, sim);
                guard.pass(s);
            }
            assertTrue(io.drainboard.guard.GuardServiceAccess.releases(guard) > 0, "the guard released an idle task");
            guard.resign(s);
        }
        Set<String> sent = new TreeSet<>();
        sim.requests().snapshot().keySet().stream().filter(k -> AWS.contains(k.substring(0, k.indexOf(':')))).forEach(sent::add);
        Set<String> granted = granted(IamPolicyGenerator.guardPolicy(profile));
        System.out.println("AWS actions the guard sent (" + sent.size() + "): " + sent);
        Set<String> uncovered = new TreeSet<>(sent);
        uncovered.removeAll(granted);
        assertEquals(Set.of(), uncovered, "sent by the guard but not granted by its policy");
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(sent);
        assertEquals(Set.of(), unused, "granted to the guard but never sent");
        for (String never : List.of("ecs:StopTask", "ecs:UpdateService", "ecs:ExecuteCommand")) {
            assertFalse(granted.contains(never), "a guard never needs " + never);
        }
    }

    private static void rollout(Console console, Simulator sim, Path dir) {
        try (RolloutWiring w = console.rolloutWiring(new RolloutJournal(dir.resolve("journal")))) {
            ServiceSnapshot svc = service(w.refresh(), "http-agent");
            String family = svc.tasks().get(0).family();
            assertFalse(w.deploys().revisions(family, 10).isEmpty());
            String target = w.deploys().registerCopy(svc.taskDefinitionArn()).arn();
            RolloutSettings settings = w.settings("voice", "http-agent", 2);
            PreflightReader.Report report = w.preflight().check(svc, target, settings, sim.clock().instant());
            RolloutEngine e = RolloutEngine.start(PreflightReader.spec(svc, report.target(), settings), w.effects(settings),
                    w.journal(), sim.clock().instant());
            e.step(w.refresh());
            for (int i = 0; i < 6 * 240 && !e.ended(); i++) {
                sim.advance(REFRESH);
                e.step(w.refresh());
            }
            assertTrue(e.ended(), e.status().toString());
            assertTrue(e.status().toString().contains("COMPLETED"), e.status().toString());
        }
    }

    /**
     * Scaling readiness of the EC2 service and its fixes, as the readiness view applies them: the reads behind each
     * finding (the capacity provider over the group included), then RegisterScalableTarget, PutScalingPolicy and
     * UpdateAutoScalingGroup, then the check again (policies and their alarms now there).
     */
    private static void readiness(Console console, Simulator sim, Path dir) {
        sim.autoScalingGroups().setCapacityProvider("voice-asg", "voice-ec2", true, 100, true, true);
        // The operator's nightly scheduled action lets the minimum fall to 0 (set in the simulator, not sent).
        sim.scalableTargets().putScheduledAction("service/voice/ec2-agent", "night", "cron(0 22 * * ? *)", null, null,
                null, 0, 40);
        ReadinessCheck check = new ReadinessCheck(console.profile(), console.aws(), History.none(sim.clock(), "not needed"),
                console.clock(), new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7)));
        FixApplier fixes = new FixApplier(console.profile(), console.aws(), new AuditLog(dir.resolve("fixes"), sim.clock(), "iam"));
        ServiceSnapshot svc = service(refresh(console, sim), "ec2-agent");
        ReadinessReport first = check.check(svc);
        List<Finding.Kind> applied = new java.util.ArrayList<>();
        for (Finding f : first.findings()) {
            if (f.fix().changes().isEmpty()) continue;
            fixes.apply(svc.arn(), first, f, "iam coverage");
            applied.add(f.kind());
        }
        assertTrue(applied.containsAll(List.of(Finding.Kind.NO_POLICY, Finding.Kind.EC2_CAPACITY, Finding.Kind.MIN_BELOW_TWO)),
                first.findings().toString());
        ReadinessReport second = check.check(service(refresh(console, sim), "ec2-agent"));
        assertFalse(second.has(Finding.Kind.NO_POLICY), second.findings().toString());
        // Direct scaling in the guard's profile beside the simulator's own policy on http-agent, which scales in: the
        // conflict's fix removes that policy (DeleteScalingPolicy) and puts the backstop.
        Profile direct;
        try {
            direct = ProfileLoader.parse(Path.of("iam-direct.yaml"), String.join("\n", "name: iam-direct",
                    "region: us-east-1", "clusters: [voice]", "calls: {source: none}",
                    "guard: {scaling: {direct: {scaleInAfter: 5m, lead: 3m, share: 0.1}}}", ""));
        } catch (io.drainboard.profile.ProfileException e) {
            throw new AssertionError(e);
        }
        ReadinessCheck directCheck = new ReadinessCheck(direct, console.aws(), History.none(sim.clock(), "not needed"),
                console.clock(), new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7)));
        ServiceSnapshot http = service(refresh(console, sim), "http-agent");
        ReadinessReport conflict = directCheck.check(http);
        Finding two = conflict.findings().stream().filter(f -> f.kind() == Finding.Kind.SCALING_CONFLICT).findFirst()
                .orElseThrow(() -> new AssertionError(conflict.findings().toString()));
        fixes.apply(http.arn(), conflict, two, "iam coverage");
        assertFalse(directCheck.check(service(refresh(console, sim), "http-agent")).has(Finding.Kind.SCALING_CONFLICT));
    }

    private static void backfill(Console console, Simulator sim, Path dir) {
        try (History history = History.open(dir.resolve("history"), sim.clock(), HistorySettings.DEFAULT)) {
            new Backfill(history, new EcsHistoryGateway(console.aws().get(0).readEcs(), console.requests()),
                    Optional.of(new MetricHistoryGateway(console.aws().get(0).cloudWatch(),
                            CloudWatchCalls.defaults(sim.metricNamespace()), console.requests())),
                    sim.clock(), Duration.ofHours(3)).run(List.of());
        }
    }

    private static FleetSnapshot refresh(Console console, Simulator sim) {
        sim.advance(REFRESH);
        return console.refresher().readOnce();
    }

    private static void until(Console console, Simulator sim, int maxRefreshes, BooleanSupplier done) {
        for (int i = 0; i < maxRefreshes && !done.getAsBoolean(); i++) refresh(console, sim);
    }

    private static boolean steady(FleetSnapshot s, String name) {
        ServiceSnapshot svc = service(s, name);
        return svc.runningCount() == svc.desiredCount() && svc.pendingCount() == 0 && svc.deployments().size() == 1;
    }

    private static ServiceSnapshot service(FleetSnapshot s, String name) {
        return s.service("voice", name).orElseThrow();
    }

    private static Set<String> granted(JsonNode policy) {
        Set<String> out = new TreeSet<>();
        policy.get("Statement").forEach(st -> st.get("Action").forEach(a -> out.add(a.asText())));
        return out;
    }
}

package io.drainboard.scaling.lab;

import io.drainboard.drain.CutRisk;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.drain.PendingScaleIn;
import io.drainboard.drain.DirectCount;
import io.drainboard.drain.SessionHeadroom;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.autoscaling.ScalableTargets;
import io.drainboard.sim.cloudwatch.MetricId;
import io.drainboard.sim.autoscaling.ScalingDefaults;
import io.drainboard.sim.model.FleetModel;
import io.drainboard.sim.model.Offers;
import io.drainboard.sim.model.SelfProtection;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import io.drainboard.scaling.ScalingConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One policy replayed against one call plan in the embedded simulator, in virtual time: a fleet of the one service
 * with its real settings, the policy installed through the real Application Auto Scaling and CloudWatch clients, the
 * planned calls offered at their minute, and the figures read from the simulator's ground truth. A day runs in
 * seconds: time only moves when the lab moves it.
 */
public final class LabRun {
    /** A caller waits this long for a worker before hanging up (a ringing phone; LiveKit dispatch keeps retrying). */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** After the replay, calls still running are given this long to end (or be cut). */
    static final Duration TAIL = Duration.ofHours(2);
    static final String START = "2026-03-02T00:00:00Z";
    /**
     * The protection lease a busy worker asks for: the most ECS allows. Where ECS counts renewals toward the
     * protected-task limit (the simulator's strict reading, docs/simulator.md), no busy task can renew while a
     * scale-in waits for idle tasks, and with LiveKit's dispatch every task keeps getting calls, so that wait can
     * last hours: a 120-minute lease lapsed under 44 calls in the crisis-surge replay (seed 1), 480 minutes under 2
     * in a 7-day replay, 2880 under none. A worker that dies takes its task with it; one that hangs keeps it up to
     * 48 h (docs/scaling.md).
     */
    public static final int PROTECTION_LEASE_MINUTES = 2880;

    private LabRun() {
    }

    public static LabResult run(LabService svc, LabPolicy policy, CallPlan plan, LowerBound bound) {
        Path scenario = scenario(svc, policy);
        try (Simulator sim = Simulator.start(Simulator.Options.virtual(scenario.toString()).withAutoscaling(true));
             SdkHttpClient http = ApacheHttpClient.builder().maxConnections(2).build();
             ApplicationAutoScalingClient aas = ApplicationAutoScalingClient.builder().httpClient(http)
                     .region(Region.of(sim.region())).endpointOverride(sim.endpoint()).credentialsProvider(CREDENTIALS).build();
             CloudWatchClient cw = CloudWatchClient.builder().httpClient(http).region(Region.of(sim.region()))
                     .endpointOverride(sim.endpoint()).credentialsProvider(CREDENTIALS).build()) {
            install(svc, policy, aas, cw);
            FleetModel model = sim.model();
            ServiceState s = model.read(m -> m.cluster(svc.cluster()).orElseThrow().services().get(svc.service()));
            model.read(m -> {
                m.setWorkerWarmup(s, svc.warmup());
                if (policy.protect()) m.selfProtect(s, SelfProtection.Settings.DEFAULT.withLease(Duration.ofMinutes(PROTECTION_LEASE_MINUTES)));
                return null;
            });
            Instant t0 = sim.clock().instant();
            int minutes = plan.minutes();
            int[] tasks = new int[minutes], sessions = new int[minutes], desired = new int[minutes], waiting = new int[minutes],
                    aim = new int[minutes], serving = new int[minutes];
            double peak = 0;
            int next = 0;
            double[] starts = plan.startSeconds(), lengths = plan.lengthSeconds();
            SurplusDrain drain = new SurplusDrain(s, new PendingScaleIn.Need(svc.capacity(), policy.policies().stream()
                    .filter(r -> r.kind() == ScalingConfig.Kind.TARGET_TRACKING && r.metric() == ScalingConfig.Measures.SESSIONS
                            && (r.headroomLoad() || policy.headroom().isEmpty()))
                    .mapToDouble(LabPolicy.Rule::target).filter(v -> v > 0 && v <= 1).min().orElse(1.0)),
                    new CutRisk(LognormalSurvival.ofMedianAndP99(svc.medianCall().toSeconds(), svc.p99Call().toSeconds())));
            Optional<SessionHeadroom.Ramp> ramp = policy.headroom().map(h -> new SessionHeadroom.Ramp(h.window()));
            Optional<DirectCount> direct = policy.direct() > 0
                    ? Optional.of(new DirectCount(policy.direct(), policy.min(), policy.max())) : Optional.empty();
            int directOuts = 0, directIns = 0;
            for (int m = 0; m < minutes; m++) {
                double end = (m + 1) * 60.0;
                int from = next;
                while (next < starts.length && starts[next] < end) next++;
                int to = next;
                model.read(x -> {
                    for (int i = from; i < to; i++) {
                        Duration length = Duration.ofMillis((long) (lengths[i] * 1000));
                        x.at(t0.plusMillis((long) (starts[i] * 1000)), () -> x.offerCall(s, length, PATIENCE));
                    }
                    return null;
                });
                for (int half = 0; half < 2; half++) {
                    sim.advance(SurplusDrain.PASS);
                    if (policy.drainSurplus()) model.read(drain::pass);
                }
                int[] counts = model.read(x -> count(s));
                tasks[m] = counts[0];
                sessions[m] = counts[1];
                serving[m] = counts[2];
                desired[m] = model.read(x -> s.desiredCount());
                waiting[m] = model.waitingCallers(s);
                if (ramp.isPresent()) aim[m] = publishHeadroom(svc, policy.headroom().get(), ramp.get(),
                        policy.headroom().get().demand(counts[1], waiting[m]), desired[m], sim.clock().instant(), sim);
                if (direct.isPresent()) {
                    int count = direct.get().next(desired[m], aim[m]);
                    if (count >= 0) {
                        if (count > desired[m]) directOuts++;
                        else directIns++;
                        model.read(x -> {
                            x.setDesiredCount(s, count);
                            return null;
                        });
                    }
                }
                if (counts[2] > 0) peak = Math.max(peak, counts[1] / (double) (counts[2] * svc.capacity()));
            }
            sim.advance(TAIL);
            Offers.Snapshot o = model.offers(s);
            long cut = model.callCounts(s).cut();
            int outs = directOuts, ins = directIns;
            for (ScalableTargets.Activity a : sim.scalableTargets().activities()) {
                if (a.at().isBefore(t0)) continue;
                if (a.to() > a.from()) outs++;
                else ins++;
            }
            long billed = 0;
            for (int v : tasks) billed += v;
            return new LabResult(policy.label(), o.offered(), o.waitedLongerThan(10), o.refused(), cut, peak,
                    billed / 60.0, bound.taskHours(), outs, ins, tasks, sessions, new LabResult.Minutes(desired, waiting, aim, serving));
        } finally {
            try {
                Files.deleteIfExists(scenario);
            } catch (IOException ignored) {
                // a temporary file left in the temp directory
            }
        }
    }

    /**
     * What the guard service's leader publishes once a minute for a headroom policy (docs/scaling.md), here from the
     * replay's ground truth: the service's live calls and its desired count. Put where the simulator's PutMetricData
     * puts a datapoint (its metric store: the same minute, readable after the same delay), not sent over the wire:
     * the SDK's PutMetricData cost about 7 ms of CPU a call here, which made a 7-day replay 33 s of CPU instead of
     * 7 s (docs/benchmarks.md). Like the lab's stand-in for the console's scale-in pass, which acts on the model, this
     * stands in for the guard; the guard's own publication goes through the real client (GuardHeadroomMetricTest).
     *
     * @return the tasks the load aims at
     */
    private static int publishHeadroom(LabService svc, SessionHeadroom h, SessionHeadroom.Ramp ramp, int sessions,
                                       int desired, Instant now, Simulator sim) {
        double rise = ramp.add(now, sessions);
        double load = h.load(sessions, rise, desired, svc.capacity());
        sim.metrics().put(MetricId.of(SessionHeadroom.NAMESPACE, SessionHeadroom.METRIC, "ClusterName", svc.cluster(),
                "ServiceName", svc.service()), now, load);
        return h.tasksNeeded(sessions, rise, svc.capacity());
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("lab", "lab"));

    /** Billed tasks (launched and not yet stopped), live sessions, and tasks whose worker takes calls. */
    private static int[] count(ServiceState s) {
        int billed = 0, calls = 0, serving = 0;
        for (TaskState t : s.taskView()) {
            if ("STOPPED".equals(t.lastStatus())) continue;
            billed++;
            calls += t.calls().size();
            if (t.worker().takesCalls() || t.calls().size() > 0) serving++;
        }
        return new int[]{billed, calls, serving};
    }

    private static void install(LabService svc, LabPolicy p, ApplicationAutoScalingClient aas, CloudWatchClient cw) {
        String id = "service/" + svc.cluster() + "/" + svc.service();
        aas.deleteScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(id)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName(ScalingDefaults.POLICY_NAME));
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(id)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(p.min()).maxCapacity(p.max()));
        for (LabPolicy.Rule r : p.policies()) {
            if (r.kind() == ScalingConfig.Kind.TARGET_TRACKING) {
                aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(id)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName(r.name())
                        .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> {
                            c.targetValue(r.target()).scaleOutCooldown((int) r.scaleOut().toSeconds())
                                    .scaleInCooldown((int) r.scaleIn().toSeconds()).disableScaleIn(r.disableScaleIn());
                            switch (r.metric()) {
                                case CPU -> c.predefinedMetricSpecification(m -> m.predefinedMetricType("ECSServiceAverageCPUUtilization"));
                                case MEMORY -> c.predefinedMetricSpecification(m -> m.predefinedMetricType("ECSServiceAverageMemoryUtilization"));
                                default -> c.customizedMetricSpecification(m -> m
                                        .namespace(onHeadroom(p, r) ? SessionHeadroom.NAMESPACE : "Drainboard/Agents")
                                        .metricName(onHeadroom(p, r) ? SessionHeadroom.METRIC : "agent_worker_load")
                                        .statistic("Average")
                                        .dimensions(d -> d.name("ClusterName").value(svc.cluster()),
                                                d -> d.name("ServiceName").value(svc.service())));
                            }
                        }));
            } else {
                String arn = aas.putScalingPolicy(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(id)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName(r.name())
                        .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(c -> c
                                .adjustmentType(r.adjustmentType()).cooldown((int) r.cooldown().toSeconds())
                                .minAdjustmentMagnitude("PercentChangeInCapacity".equals(r.adjustmentType()) ? 2 : null)
                                .stepAdjustments(r.steps().stream().map(st -> StepAdjustment.builder()
                                        .metricIntervalLowerBound(st.lower()).metricIntervalUpperBound(st.upper())
                                        .scalingAdjustment(st.adjustment()).build()).toList()))).policyARN();
                String[] metric = switch (r.metric()) {
                    case CPU -> new String[]{"AWS/ECS", "CPUUtilization"};
                    case MEMORY -> new String[]{"AWS/ECS", "MemoryUtilization"};
                    default -> onHeadroom(p, r) ? new String[]{SessionHeadroom.NAMESPACE, SessionHeadroom.METRIC}
                            : new String[]{"Drainboard/Agents", "agent_worker_load"};
                };
                cw.putMetricAlarm(b -> b.alarmName("lab-" + r.name()).namespace(metric[0]).metricName(metric[1])
                        .dimensions(d -> d.name("ClusterName").value(svc.cluster()), d -> d.name("ServiceName").value(svc.service()))
                        .statistic("Average").period(60).evaluationPeriods(Math.max(1, r.evaluationPeriods()))
                        .threshold(r.target()).comparisonOperator(r.comparison()).alarmActions(arn));
            }
        }
    }

    private static boolean onHeadroom(LabPolicy p, LabPolicy.Rule r) {
        return p.headroom().isPresent() && r.headroomLoad();
    }

    /** The one-service scenario the replay starts from. */
    static Path scenario(LabService svc, LabPolicy p) {
        int stop = svc.fargate() ? Math.max(2, Math.min(120, svc.stopTimeoutSeconds())) : Math.max(2, svc.stopTimeoutSeconds());
        String instances = svc.fargate() ? "" : "    instances: [{az: us-east-1a, type: c6i.4xlarge, count: 3}, "
                + "{az: us-east-1b, type: c6i.4xlarge, count: 3}]\n";
        String yaml = "name: scaling-lab\nseed: 5\nstart: \"" + START + "\"\nwarmup: 1m\nclusters:\n"
                + "  - name: " + svc.cluster() + "\n" + instances + "    services:\n"
                + "      - name: " + svc.service() + "\n"
                + "        launchType: " + (svc.fargate() ? "FARGATE" : "EC2") + "\n"
                + "        desiredCount: " + Math.max(p.min(), 1) + "\n"
                + "        taskDefinition: {family: " + svc.service() + ", cpu: \"1024\", memory: \"2048\","
                + " containers: [{name: worker, stopTimeout: " + stop + "}]}\n"
                + "        worker: {capacity: " + svc.capacity() + ", drainTimeout: " + svc.drainTimeout().toSeconds() + "s,"
                + " drainRoute: true}\n"
                + "        traffic: {load: 0, median: " + svc.medianCall().toSeconds() + "s, p99: " + svc.p99Call().toSeconds() + "s}\n";
        try {
            Path f = Files.createTempFile("drainboard-lab-", ".yaml");
            Files.writeString(f, yaml);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("the lab cannot write its scenario to the temp directory", e);
        }
    }

}

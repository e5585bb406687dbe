package io.drainboard.scaling;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ManagedScaling;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads how a service scales through the real SDK clients: Application Auto Scaling (DescribeScalableTargets,
 * DescribeScalingPolicies, DescribeScheduledActions), CloudWatch (DescribeAlarms for the alarms behind the
 * policies; GetMetricData for how CPU follows worker load), ECS (task start-up times; on EC2 the container
 * instances' registered resources) and EC2 Auto Scaling (the group behind those instances). Every list is
 * paginated. Reads only; a failure propagates as the SDK's exception, for the caller to word.
 */
public final class ScalingReader {
    private final ApplicationAutoScalingClient aas;
    private final CloudWatchClient cloudWatch;
    private final AutoScalingClient autoScaling;
    private final EcsClient ecs;

    public ScalingReader(ApplicationAutoScalingClient aas, CloudWatchClient cloudWatch, AutoScalingClient autoScaling,
                         EcsClient ecs) {
        this.aas = aas;
        this.cloudWatch = cloudWatch;
        this.autoScaling = autoScaling;
        this.ecs = ecs;
    }

    public ScalingConfig read(String cluster, String service, String launchType, String taskDefinitionArn) {
        String id = Fixes.resourceId(cluster, service);
        Optional<ScalingConfig.Target> target = aas.describeScalableTargetsPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceIds(id)).scalableTargets()
                .stream().findFirst().map(ScalingReader::target);
        List<ScalingConfig.Policy> policies = new ArrayList<>();
        Set<String> alarmNames = new LinkedHashSet<>();
        for (ScalingPolicy p : aas.describeScalingPoliciesPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(id)).scalingPolicies()) {
            ScalingConfig.Policy policy = policy(p);
            policies.add(policy);
            alarmNames.addAll(policy.alarmNames());
        }
        List<ScalingConfig.Alarm> alarms = new ArrayList<>();
        List<String> names = new ArrayList<>(alarmNames);
        for (int i = 0; i < names.size(); i += 100) { // DescribeAlarms takes up to 100 names
            List<String> batch = names.subList(i, Math.min(names.size(), i + 100));
            for (MetricAlarm a : cloudWatch.describeAlarmsPaginator(b -> b.alarmNames(batch)).metricAlarms()) alarms.add(alarm(a));
        }
        List<ScalingConfig.Scheduled> scheduled = aas.describeScheduledActionsPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(id)).scheduledActions().stream()
                .map(s -> new ScalingConfig.Scheduled(s.scheduledActionName(), s.schedule(),
                        Optional.ofNullable(s.scalableTargetAction()).map(x -> x.minCapacity()),
                        Optional.ofNullable(s.scalableTargetAction()).map(x -> x.maxCapacity()))).toList();
        Optional<ScalingConfig.Ec2Capacity> ec2 = "FARGATE".equalsIgnoreCase(launchType) ? Optional.empty()
                : ec2Capacity(cluster, taskDefinitionArn);
        return withStepMetrics(new ScalingConfig(target, policies, alarms, scheduled, ec2));
    }

    private static ScalingConfig.Target target(ScalableTarget t) {
        var s = t.suspendedState();
        return new ScalingConfig.Target(t.minCapacity(), t.maxCapacity(),
                s != null && Boolean.TRUE.equals(s.dynamicScalingInSuspended()),
                s != null && Boolean.TRUE.equals(s.dynamicScalingOutSuspended()));
    }

    private static ScalingConfig.Policy policy(ScalingPolicy p) {
        List<String> alarms = p.alarms().stream().map(a -> a.alarmName()).toList();
        if (p.targetTrackingScalingPolicyConfiguration() != null) {
            var c = p.targetTrackingScalingPolicyConfiguration();
            String ns = "", name = "";
            Optional<String> predefined = Optional.empty();
            if (c.predefinedMetricSpecification() != null) {
                predefined = Optional.of(c.predefinedMetricSpecification().predefinedMetricTypeAsString());
                ns = "AWS/ECS";
                name = predefined.get().contains("CPU") ? "CPUUtilization" : predefined.get().contains("Memory")
                        ? "MemoryUtilization" : "RequestCountPerTarget";
            } else if (c.customizedMetricSpecification() != null) {
                ns = Optional.ofNullable(c.customizedMetricSpecification().namespace()).orElse("");
                name = Optional.ofNullable(c.customizedMetricSpecification().metricName()).orElse("");
            }
            // ECS's defaults when a cooldown is not given: 300 s each way (Application Auto Scaling User Guide).
            return new ScalingConfig.Policy(p.policyName(), p.policyARN(), ScalingConfig.Kind.TARGET_TRACKING, ns, name,
                    predefined, c.targetValue(), seconds(c.scaleOutCooldown()), seconds(c.scaleInCooldown()),
                    Boolean.TRUE.equals(c.disableScaleIn()), "", List.of(), Duration.ZERO, alarms);
        }
        var c = p.stepScalingPolicyConfiguration();
        List<ScalingConfig.Step> steps = new ArrayList<>();
        if (c != null) {
            for (StepAdjustment s : c.stepAdjustments()) {
                steps.add(new ScalingConfig.Step(s.metricIntervalLowerBound(), s.metricIntervalUpperBound(), s.scalingAdjustment()));
            }
        }
        return new ScalingConfig.Policy(p.policyName(), p.policyARN(), ScalingConfig.Kind.STEP, "", "", Optional.empty(),
                0, Duration.ZERO, Duration.ZERO, false, c == null ? "" : c.adjustmentTypeAsString(), steps,
                c == null || c.cooldown() == null ? Duration.ZERO : Duration.ofSeconds(c.cooldown()), alarms);
    }

    private static Duration seconds(Integer s) {
        return s == null ? Duration.ofSeconds(300) : Duration.ofSeconds(s);
    }

    private static ScalingConfig.Alarm alarm(MetricAlarm a) {
        return new ScalingConfig.Alarm(a.alarmName(), Optional.ofNullable(a.namespace()).orElse(""),
                Optional.ofNullable(a.metricName()).orElse(""), Optional.ofNullable(a.period()).orElse(60),
                Optional.ofNullable(a.evaluationPeriods()).orElse(1),
                Optional.ofNullable(a.datapointsToAlarm()).orElse(Optional.ofNullable(a.evaluationPeriods()).orElse(1)),
                Optional.ofNullable(a.threshold()).orElse(0.0), a.comparisonOperatorAsString(), a.alarmActions(),
                a.stateValueAsString());
    }

    /** A step policy's metric is its alarm's: fill it in once the alarms are read. */
    public static ScalingConfig withStepMetrics(ScalingConfig c) {
        List<ScalingConfig.Policy> out = new ArrayList<>();
        for (ScalingConfig.Policy p : c.policies()) {
            if (p.kind() == ScalingConfig.Kind.STEP && p.metricName().isEmpty()) {
                Optional<ScalingConfig.Alarm> a = c.alarmsOf(p).stream().findFirst();
                if (a.isPresent()) {
                    p = new ScalingConfig.Policy(p.name(), p.arn(), p.kind(), a.get().namespace(), a.get().metricName(),
                            p.predefinedType(), a.get().threshold(), p.scaleOutCooldown(), p.scaleInCooldown(),
                            p.disableScaleIn(), p.adjustmentType(), p.steps(), p.cooldown(), p.alarmNames());
                }
            }
            out.add(p);
        }
        return new ScalingConfig(c.target(), out, c.alarms(), c.scheduled(), c.ec2());
    }

    /** EC2: the Auto Scaling group of the cluster's instances and how many of the task one instance holds. */
    private Optional<ScalingConfig.Ec2Capacity> ec2Capacity(String cluster, String taskDefinitionArn) {
        List<String> arns = new ArrayList<>();
        ecs.listContainerInstancesPaginator(b -> b.cluster(cluster)).containerInstanceArns().forEach(arns::add);
        if (arns.isEmpty()) return Optional.empty();
        List<ContainerInstance> instances = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            instances.addAll(ecs.describeContainerInstances(b -> b.cluster(cluster).containerInstances(batch)).containerInstances());
        }
        List<String> ids = instances.stream().map(ContainerInstance::ec2InstanceId).filter(x -> x != null).limit(50).toList();
        if (ids.isEmpty()) return Optional.empty();
        Optional<String> group = autoScaling.describeAutoScalingInstances(b -> b.instanceIds(ids)).autoScalingInstances()
                .stream().map(AutoScalingInstanceDetails::autoScalingGroupName).findFirst();
        if (group.isEmpty()) return Optional.empty();
        Optional<ScalingConfig.CapacityProvider> provider = capacityProvider(cluster, group.get());
        int maxSize = autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(group.get())).autoScalingGroups()
                .stream().findFirst().map(g -> g.maxSize()).orElse(0);
        TaskDefinition td = ecs.describeTaskDefinition(b -> b.taskDefinition(taskDefinitionArn)).taskDefinition();
        int taskCpu = parse(td.cpu()).orElse(td.containerDefinitions().stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum());
        int taskMem = parse(td.memory()).orElse(td.containerDefinitions().stream()
                .mapToInt(c -> c.memory() != null ? c.memory() : c.memoryReservation() != null ? c.memoryReservation() : 0).sum());
        ContainerInstance first = instances.get(0);
        int cpu = registered(first, "CPU"), mem = registered(first, "MEMORY");
        int byCpu = taskCpu > 0 ? cpu / taskCpu : Integer.MAX_VALUE, byMem = taskMem > 0 ? mem / taskMem : Integer.MAX_VALUE;
        int per = Math.min(byCpu, byMem);
        if (per == Integer.MAX_VALUE) return Optional.empty();
        return Optional.of(new ScalingConfig.Ec2Capacity(group.get(), maxSize, per, cpu + " CPU units / " + mem
                + " MiB an instance, " + taskCpu + " / " + taskMem + " a task", provider));
    }

    /**
     * The cluster's capacity provider over {@code group} (DescribeClusters' capacityProviders, then
     * DescribeCapacityProviders, ≤ 100 names a call): empty when the cluster has none over that group.
     */
    private Optional<ScalingConfig.CapacityProvider> capacityProvider(String cluster, String group) {
        List<String> names = ecs.describeClusters(b -> b.clusters(cluster)).clusters().stream()
                .flatMap(c -> c.capacityProviders().stream()).distinct().limit(100).toList();
        if (names.isEmpty()) return Optional.empty();
        for (CapacityProvider p : ecs.describeCapacityProviders(b -> b.capacityProviders(names)).capacityProviders()) {
            AutoScalingGroupProvider g = p.autoScalingGroupProvider();
            if (g == null || g.autoScalingGroupArn() == null) continue;
            String arn = g.autoScalingGroupArn();
            // The ARN ends in autoScalingGroupName/NAME; the field may also hold the bare name.
            String name = arn.contains("autoScalingGroupName/") ? arn.substring(arn.indexOf("autoScalingGroupName/") + 21) : arn;
            if (!name.equals(group)) continue;
            ManagedScaling ms = g.managedScaling();
            boolean on = ms != null && ms.status() == ManagedScalingStatus.ENABLED;
            int target = ms == null || ms.targetCapacity() == null ? 100 : ms.targetCapacity();
            return Optional.of(new ScalingConfig.CapacityProvider(p.name(), on, target,
                    g.managedTerminationProtection() == ManagedTerminationProtection.ENABLED));
        }
        return Optional.empty();
    }

    private static Optional<Integer> parse(String s) {
        try {
            return s == null || s.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int registered(ContainerInstance ci, String name) {
        for (Resource r : ci.registeredResources()) if (name.equals(r.name()) && r.integerValue() != null) return r.integerValue();
        return 0;
    }

    /** Median launch-to-RUNNING time of the service's running tasks (ECS createdAt → startedAt). */
    public Optional<Duration> measuredStartup(String cluster, String service) {
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(b -> b.cluster(cluster).serviceName(service)).taskArns().forEach(arns::add);
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < arns.size() && i < 100; i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            for (Task t : ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks()) {
                if (t.createdAt() != null && t.startedAt() != null) {
                    seconds.add(Duration.between(t.createdAt(), t.startedAt()).toSeconds());
                }
            }
        }
        if (seconds.isEmpty()) return Optional.empty();
        seconds.sort(Long::compare);
        return Optional.of(Duration.ofSeconds(seconds.get(seconds.size() / 2)));
    }

    /** Pearson's r between the service's CPU and its worker load per minute over the day before {@code now}. */
    public Optional<Double> cpuCorrelation(String cluster, String service, String namespace, Instant now) {
        Instant start = now.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        var dims = List.of(software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name("ClusterName").value(cluster).build(),
                software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name("ServiceName").value(service).build());
        List<MetricDataQuery> q = List.of(
                MetricDataQuery.builder().id("cpu").metricStat(s -> s.period(60).stat("Average").metric(m -> m
                        .namespace("AWS/ECS").metricName("CPUUtilization").dimensions(dims))).build(),
                MetricDataQuery.builder().id("load").metricStat(s -> s.period(60).stat("Average").metric(m -> m
                        .namespace(namespace).metricName("agent_worker_load").dimensions(dims))).build());
        java.util.Map<Instant, Double> cpu = new java.util.HashMap<>(), load = new java.util.HashMap<>();
        for (var page : cloudWatch.getMetricDataPaginator(b -> b.startTime(start).endTime(now).metricDataQueries(q))) {
            for (MetricDataResult r : page.metricDataResults()) {
                var into = "cpu".equals(r.id()) ? cpu : load;
                for (int i = 0; i < r.timestamps().size(); i++) into.put(r.timestamps().get(i), r.values().get(i));
            }
        }
        List<double[]> pairs = new ArrayList<>();
        for (var e : cpu.entrySet()) if (load.containsKey(e.getKey())) pairs.add(new double[]{e.getValue(), load.get(e.getKey())});
        return pearson(pairs);
    }

    static Optional<Double> pearson(List<double[]> xy) {
        int n = xy.size();
        if (n < 10) return Optional.empty();
        double mx = 0, my = 0;
        for (double[] p : xy) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        if (sxx == 0 || syy == 0) return Optional.empty();
        return Optional.of(sxy / Math.sqrt(sxx * syy));
    }
}

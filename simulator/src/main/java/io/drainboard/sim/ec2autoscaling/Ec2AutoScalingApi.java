package io.drainboard.sim.ec2autoscaling;

import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.http.AwsQueryService;
import io.drainboard.sim.http.QueryParams;
import io.drainboard.sim.http.Xml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * Amazon EC2 Auto Scaling (2011-01-01) over awsQuery: DescribeAutoScalingGroups, DescribeAutoScalingInstances,
 * SetInstanceProtection, SetDesiredCapacity, DescribeLifecycleHooks
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/). Errors are awsQuery codes such as
 * ValidationError; DescribeAutoScalingGroups' MaxRecords defaults to 50 and is at most 100,
 * DescribeAutoScalingInstances' is at most 50 and so are its InstanceIds; SetInstanceProtection takes up to
 * 50 instance ids.
 */
public final class Ec2AutoScalingApi implements AwsQueryService {
    static final int MAX_RECORDS = 100;
    static final int DEFAULT_RECORDS = 50;
    static final int MAX_PROTECTION_IDS = 50;
    static final int MAX_INSTANCE_RECORDS = 50;
    private final AutoScalingGroups groups;

    public Ec2AutoScalingApi(AutoScalingGroups groups) {
        this.groups = groups;
    }

    @Override
    public String version() { return "2011-01-01"; }

    @Override
    public String xmlNamespace() { return "http://autoscaling.amazonaws.com/doc/2011-01-01/"; }

    @Override
    public String name() { return "autoscaling"; }

    @Override
    public String handle(String action, QueryParams p) {
        return switch (action) {
            case "DescribeAutoScalingGroups" -> describeGroups(p);
            case "SetInstanceProtection" -> setProtection(p);
            case "DescribeLifecycleHooks" -> describeHooks(p);
            case "DescribeAutoScalingInstances" -> describeInstances(p);
            case "SetDesiredCapacity" -> setDesired(p);
            case "UpdateAutoScalingGroup" -> update(p);
            default -> throw new AwsException("InvalidAction", "Drainboard simulator: Auto Scaling " + action
                    + " is not modelled");
        };
    }

    private String describeGroups(QueryParams p) {
        List<String> names = p.list("AutoScalingGroupNames");
        int max = p.has("MaxRecords") ? Integer.parseInt(p.get("MaxRecords")) : DEFAULT_RECORDS;
        if (max < 1 || max > MAX_RECORDS) {
            throw AutoScalingGroups.validation("1 validation error detected: Value '" + max
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        List<AutoScalingGroups.View> matching = new ArrayList<>();
        for (AutoScalingGroups.View v : groups.describe()) {
            if (!names.isEmpty() && !names.contains(v.group().name())) continue;
            if (!filtersMatch(p, v.group())) continue;
            matching.add(v);
        }
        int from = offset(p.get("NextToken"));
        int to = Math.min(matching.size(), from + max);
        Xml x = new Xml().open("AutoScalingGroups");
        for (AutoScalingGroups.View v : matching.subList(Math.min(from, matching.size()), to)) group(x, v);
        x.close("AutoScalingGroups");
        if (to < matching.size()) x.leaf("NextToken", token(to));
        return x.toString();
    }

    /** Filters by tag: {@code tag:<key>}, {@code tag-key}, {@code tag-value} (the group's one tag is Name). */
    private static boolean filtersMatch(QueryParams p, AutoScalingGroup g) {
        for (int i = 1; p.has("Filters.member." + i + ".Name"); i++) {
            String name = p.get("Filters.member." + i + ".Name");
            List<String> values = p.list("Filters.member." + i + ".Values");
            String tagValue = nameTag(g);
            boolean ok = switch (name) {
                case "tag-key" -> values.contains("Name");
                case "tag-value" -> values.contains(tagValue);
                case "tag:Name" -> values.contains(tagValue);
                default -> name.startsWith("tag:") ? false : true;
            };
            if (!ok) return false;
        }
        return true;
    }

    private static String nameTag(AutoScalingGroup g) {
        return g.cluster() + "-ecs-host";
    }

    private void group(Xml x, AutoScalingGroups.View v) {
        AutoScalingGroup g = v.group();
        x.open("member");
        x.leaf("AutoScalingGroupName", g.name()).leaf("AutoScalingGroupARN", g.arn());
        x.open("LaunchTemplate").leaf("LaunchTemplateId", "lt-" + hex(g.name(), 17))
                .leaf("LaunchTemplateName", g.cluster() + "-ecs-host").leaf("Version", "$Latest").close("LaunchTemplate");
        x.leaf("MinSize", g.min()).leaf("MaxSize", g.max()).leaf("DesiredCapacity", g.desired());
        x.leaf("DefaultCooldown", 300);
        TreeSet<String> azs = new TreeSet<>();
        v.hosts().forEach(h -> azs.add(h.availabilityZone()));
        x.open("AvailabilityZones");
        azs.forEach(az -> x.leaf("member", az));
        x.close("AvailabilityZones");
        x.empty("LoadBalancerNames").empty("TargetGroupARNs");
        x.leaf("HealthCheckType", "EC2").leaf("HealthCheckGracePeriod", 300);
        x.open("Instances");
        for (InstanceFleet.Host h : v.hosts()) {
            x.open("member").leaf("InstanceId", h.instanceId()).leaf("InstanceType", h.instanceType())
                    .leaf("AvailabilityZone", h.availabilityZone()).leaf("LifecycleState", g.lifecycleState(h.instanceId()))
                    .leaf("HealthStatus", "Healthy")
                    .open("LaunchTemplate").leaf("LaunchTemplateId", "lt-" + hex(g.name(), 17))
                    .leaf("LaunchTemplateName", g.cluster() + "-ecs-host").leaf("Version", "1").close("LaunchTemplate")
                    .leaf("ProtectedFromScaleIn", h.protectedFromScaleIn()).close("member");
        }
        x.close("Instances");
        x.leaf("CreatedTime", iso(g.createdAt()));
        x.empty("SuspendedProcesses");
        x.leaf("VPCZoneIdentifier", String.join(",", azs.stream().map(az -> "subnet-" + hex(az, 17)).toList()));
        x.empty("EnabledMetrics");
        x.open("Tags").open("member").leaf("ResourceId", g.name()).leaf("ResourceType", "auto-scaling-group")
                .leaf("Key", "Name").leaf("Value", nameTag(g)).leaf("PropagateAtLaunch", true).close("member").close("Tags");
        x.open("TerminationPolicies").leaf("member", "Default").close("TerminationPolicies");
        x.leaf("NewInstancesProtectedFromScaleIn", g.newInstancesProtected());
        x.leaf("ServiceLinkedRoleARN", "arn:aws:iam::" + groups.account()
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        x.leaf("CapacityRebalance", false);
        x.close("member");
    }

    private String setProtection(QueryParams p) {
        List<String> ids = p.list("InstanceIds");
        String group = p.get("AutoScalingGroupName");
        String flag = p.get("ProtectedFromScaleIn");
        if (ids.isEmpty() || group == null || flag == null) {
            throw AutoScalingGroups.validation("InstanceIds, AutoScalingGroupName and ProtectedFromScaleIn are required");
        }
        if (ids.size() > MAX_PROTECTION_IDS) {
            throw AutoScalingGroups.validation("1 validation error detected: Value at 'instanceIds' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + MAX_PROTECTION_IDS);
        }
        groups.setProtection(group, ids, Boolean.parseBoolean(flag));
        return "";
    }

    private String describeHooks(QueryParams p) {
        String name = p.get("AutoScalingGroupName");
        if (name == null) throw AutoScalingGroups.validation("AutoScalingGroupName is required");
        AutoScalingGroup g = groups.group(name).orElseThrow(() ->
                AutoScalingGroups.validation("AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found"));
        List<String> wanted = p.list("LifecycleHookNames");
        Xml x = new Xml().open("LifecycleHooks");
        for (LifecycleHook h : g.hooks()) {
            if (!wanted.isEmpty() && !wanted.contains(h.name())) continue;
            x.open("member").leaf("LifecycleHookName", h.name()).leaf("AutoScalingGroupName", g.name())
                    .leaf("LifecycleTransition", h.transition()).leaf("HeartbeatTimeout", h.heartbeatTimeout().toSeconds())
                    .leaf("GlobalTimeout", h.globalTimeout().toSeconds()).leaf("DefaultResult", h.defaultResult())
                    .close("member");
        }
        return x.close("LifecycleHooks").toString();
    }

    /**
     * DescribeAutoScalingInstances (API_DescribeAutoScalingInstances.html): each named instance (or all)
     * with its group, lifecycle state and scale-in protection; ids of no group are simply left out.
     */
    private String describeInstances(QueryParams p) {
        List<String> ids = p.list("InstanceIds");
        if (ids.size() > MAX_INSTANCE_RECORDS) {
            throw AutoScalingGroups.validation("The number of instance ids that may be passed in is limited to "
                    + MAX_INSTANCE_RECORDS);
        }
        int max = p.has("MaxRecords") ? Integer.parseInt(p.get("MaxRecords")) : MAX_INSTANCE_RECORDS;
        if (max < 1 || max > MAX_INSTANCE_RECORDS) {
            throw AutoScalingGroups.validation("1 validation error detected: Value '" + max
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 50");
        }
        record Row(AutoScalingGroup g, InstanceFleet.Host h) {
        }
        List<Row> rows = new ArrayList<>();
        for (AutoScalingGroups.View v : groups.describe()) {
            for (InstanceFleet.Host h : v.hosts()) {
                if (ids.isEmpty() || ids.contains(h.instanceId())) rows.add(new Row(v.group(), h));
            }
        }
        int from = Math.min(offset(p.get("NextToken")), rows.size());
        int to = Math.min(rows.size(), from + max);
        Xml x = new Xml().open("AutoScalingInstances");
        for (Row r : rows.subList(from, to)) {
            x.open("member").leaf("InstanceId", r.h().instanceId()).leaf("InstanceType", r.h().instanceType())
                    .leaf("AutoScalingGroupName", r.g().name()).leaf("AvailabilityZone", r.h().availabilityZone())
                    .leaf("LifecycleState", r.g().lifecycleState(r.h().instanceId())).leaf("HealthStatus", "HEALTHY")
                    .open("LaunchTemplate").leaf("LaunchTemplateId", "lt-" + hex(r.g().name(), 17))
                    .leaf("LaunchTemplateName", r.g().cluster() + "-ecs-host").leaf("Version", "1").close("LaunchTemplate")
                    .leaf("ProtectedFromScaleIn", r.h().protectedFromScaleIn()).close("member");
        }
        x.close("AutoScalingInstances");
        if (to < rows.size()) x.leaf("NextToken", token(to));
        return x.toString();
    }

    /** SetDesiredCapacity (API_SetDesiredCapacity.html); HonorCooldown is accepted (no cooldown is modelled). */
    private String setDesired(QueryParams p) {
        String group = p.get("AutoScalingGroupName");
        String desired = p.get("DesiredCapacity");
        if (group == null || desired == null) {
            throw AutoScalingGroups.validation("AutoScalingGroupName and DesiredCapacity are required");
        }
        groups.group(group).orElseThrow(() -> AutoScalingGroups.validation(
                "AutoScalingGroup name not found - AutoScalingGroup '" + group + "' not found"));
        groups.setDesiredCapacity(group, Integer.parseInt(desired));
        return "";
    }

    /** UpdateAutoScalingGroup: the size bounds only (what a readiness fix sends); other fields are not modelled. */
    private String update(QueryParams p) {
        String group = p.get("AutoScalingGroupName");
        if (group == null) throw AutoScalingGroups.validation("AutoScalingGroupName is required");
        groups.group(group).orElseThrow(() -> AutoScalingGroups.validation(
                "AutoScalingGroup name not found - AutoScalingGroup '" + group + "' not found"));
        groups.updateSize(group, p.has("MinSize") ? Integer.valueOf(p.get("MinSize")) : null,
                p.has("MaxSize") ? Integer.valueOf(p.get("MaxSize")) : null);
        return "";
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String hex(String seed, int n) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < n) {
            sb.append(Integer.toHexString(Math.abs((seed + i++).hashCode())));
        }
        return sb.substring(0, n);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("asg:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null) return 0;
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("asg:")) throw new IllegalArgumentException();
            return Integer.parseInt(s.substring(4));
        } catch (IllegalArgumentException e) {
            throw new AwsException("InvalidNextToken", "The token '" + token + "' is invalid.");
        }
    }
}

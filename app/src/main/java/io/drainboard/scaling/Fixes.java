package io.drainboard.scaling;

import java.util.List;

/** Every fix as the AWS CLI command and the CloudFormation snippet that make it (docs/scaling.md shows them). */
final class Fixes {
    private Fixes() {
    }

    static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }

    /**
     * Several fixes as one: the CLI commands one after the other, the CloudFormation snippets together, the changes in
     * order, and {@code profile} (YAML for the guard service's profile, or empty) with the fixes' own.
     */
    static Finding.Fix all(String summary, List<Finding.Fix> parts, String profile) {
        List<FixChange> changes = new java.util.ArrayList<>();
        StringBuilder yaml = new StringBuilder(profile);
        for (Finding.Fix f : parts) {
            changes.addAll(f.changes());
            yaml.append(f.profile());
        }
        return new Finding.Fix(summary, String.join("\n", parts.stream().map(Finding.Fix::cli).toList()),
                String.join("", parts.stream().map(Finding.Fix::cloudFormation).toList()), changes, yaml.toString());
    }

    /**
     * The guard service profile's direct scaling: not an AWS change, so the CLI and CloudFormation lines say where it
     * goes and nothing is applied from the console.
     */
    static Finding.Fix profile(String yaml, String summary) {
        String where = "# not an AWS change: add to the guard service's profile and restart it (docs/guard-service.md):";
        String indented = "#   " + yaml.strip().replace("\n", "\n#   ");
        return new Finding.Fix(summary, where + "\n" + indented, where + "\n" + indented + "\n", List.of(), yaml);
    }

    /** DeleteScalingPolicy of a policy that scales in beside direct scaling. */
    static Finding.Fix deletePolicy(String cluster, String service, String policyName, String summary) {
        String cli = "aws application-autoscaling delete-scaling-policy --service-namespace ecs --resource-id "
                + resourceId(cluster, service) + " --scalable-dimension ecs:service:DesiredCount --policy-name " + policyName;
        String cfn = """
                # remove the AWS::ApplicationAutoScaling::ScalingPolicy with PolicyName %s
                # (%s) from the template; the stack update deletes it
                """.formatted(policyName, resourceName(policyName));
        return new Finding.Fix(summary, cli, cfn, List.of(new FixChange.DeletePolicy(cluster, service, policyName)));
    }

    static Finding.Fix policy(FixChange.SessionsPolicy p, String summary) {
        String config = "{\"TargetValue\":" + p.targetValue() + ",\"CustomizedMetricSpecification\":{\"MetricName\":\""
                + p.metricName() + "\",\"Namespace\":\"" + p.namespace() + "\",\"Dimensions\":[{\"Name\":\"ClusterName\","
                + "\"Value\":\"" + p.cluster() + "\"},{\"Name\":\"ServiceName\",\"Value\":\"" + p.service() + "\"}],"
                + "\"Statistic\":\"Average\"},\"ScaleOutCooldown\":" + p.scaleOutCooldown().toSeconds()
                + ",\"ScaleInCooldown\":" + p.scaleInCooldown().toSeconds() + ",\"DisableScaleIn\":" + p.disableScaleIn() + "}";
        String cli = "aws application-autoscaling put-scaling-policy --service-namespace ecs --resource-id "
                + resourceId(p.cluster(), p.service()) + " --scalable-dimension ecs:service:DesiredCount --policy-name "
                + p.policyName() + " --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration '"
                + config + "'";
        String cfn = """
                %s:
                  Type: AWS::ApplicationAutoScaling::ScalingPolicy
                  Properties:
                    PolicyName: %s
                    PolicyType: TargetTrackingScaling
                    ScalingTargetId: !Ref ScalableTarget
                    TargetTrackingScalingPolicyConfiguration:
                      TargetValue: %s
                      ScaleOutCooldown: %d
                      ScaleInCooldown: %d
                      DisableScaleIn: %s
                      CustomizedMetricSpecification:
                        Namespace: %s
                        MetricName: %s
                        Statistic: Average
                        Dimensions:
                          - {Name: ClusterName, Value: %s}
                          - {Name: ServiceName, Value: %s}
                """.formatted(resourceName(p.policyName()), p.policyName(), p.targetValue(), p.scaleOutCooldown().toSeconds(),
                p.scaleInCooldown().toSeconds(), p.disableScaleIn(), p.namespace(), p.metricName(), p.cluster(), p.service());
        return new Finding.Fix(summary, cli, cfn, List.of(p));
    }

    /** A CloudFormation logical id from a policy name: sessions-headroom → SessionsHeadroomPolicy. */
    private static String resourceName(String policyName) {
        StringBuilder b = new StringBuilder();
        for (String part : policyName.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return (b.length() == 0 ? "Scaling" : b.toString()) + "Policy";
    }

    static Finding.Fix bounds(String cluster, String service, int min, int max, String summary) {
        String cli = "aws application-autoscaling register-scalable-target --service-namespace ecs --resource-id "
                + resourceId(cluster, service) + " --scalable-dimension ecs:service:DesiredCount --min-capacity " + min
                + " --max-capacity " + max;
        String cfn = """
                ScalableTarget:
                  Type: AWS::ApplicationAutoScaling::ScalableTarget
                  Properties:
                    ServiceNamespace: ecs
                    ScalableDimension: ecs:service:DesiredCount
                    ResourceId: %s
                    MinCapacity: %d
                    MaxCapacity: %d
                """.formatted(resourceId(cluster, service), min, max);
        return new Finding.Fix(summary, cli, cfn, List.of(new FixChange.Bounds(cluster, service, min, max)));
    }

    /** A scheduled action's bounds (min and max; null keeps one), its name and schedule as they are. */
    static Finding.Fix scheduledBounds(String cluster, String service, ScalingConfig.Scheduled a, Integer min, Integer max,
                                       String summary) {
        String cli = "aws application-autoscaling put-scheduled-action --service-namespace ecs --resource-id "
                + resourceId(cluster, service) + " --scalable-dimension ecs:service:DesiredCount --scheduled-action-name "
                + a.name() + " --schedule '" + a.schedule() + "' --scalable-target-action "
                + (min != null ? "MinCapacity=" + min : "") + (min != null && max != null ? "," : "")
                + (max != null ? "MaxCapacity=" + max : "");
        String cfn = """
                ScalableTarget:
                  Type: AWS::ApplicationAutoScaling::ScalableTarget
                  Properties:
                    ScheduledActions:
                      - ScheduledActionName: %s
                        Schedule: "%s"
                        ScalableTargetAction: {%s}
                """.formatted(a.name(), a.schedule(), (min != null ? "MinCapacity: " + min : "")
                + (min != null && max != null ? ", " : "") + (max != null ? "MaxCapacity: " + max : ""));
        return new Finding.Fix(summary, cli, cfn, List.of(new FixChange.ScheduledBounds(cluster, service, a.name(),
                a.schedule(), min, max)));
    }

    static Finding.Fix groupMax(String group, int max, String summary) {
        String cli = "aws autoscaling update-auto-scaling-group --auto-scaling-group-name " + group + " --max-size " + max;
        String cfn = """
                AutoScalingGroup:
                  Type: AWS::AutoScaling::AutoScalingGroup
                  Properties:
                    MaxSize: "%d"
                """.formatted(max);
        return new Finding.Fix(summary, cli, cfn, List.of(new FixChange.GroupMax(group, max)));
    }

    /** Managed scaling on the capacity provider, at a target capacity that leaves instances spare (no console apply). */
    static Finding.Fix managedScaling(String provider, int targetCapacity, String summary) {
        String cli = "aws ecs update-capacity-provider --name " + provider + " --auto-scaling-group-provider"
                + " 'managedScaling={status=ENABLED,targetCapacity=" + targetCapacity + "}'";
        String cfn = """
                CapacityProvider:
                  Type: AWS::ECS::CapacityProvider
                  Properties:
                    AutoScalingGroupProvider:
                      ManagedScaling:
                        Status: ENABLED
                        TargetCapacity: %d
                """.formatted(targetCapacity);
        return new Finding.Fix(summary, cli, cfn, List.of());
    }

    /** A new task definition revision with the container's stopTimeout raised (not one API call: no console apply). */
    static Finding.Fix stopTimeout(String cluster, String service, int seconds, String summary) {
        String cli = "aws ecs describe-task-definition --task-definition $(aws ecs describe-services --cluster " + cluster
                + " --services " + service + " --query 'services[0].taskDefinition' --output text) --query taskDefinition"
                + " > td.json   # set \"stopTimeout\": " + seconds + " on the worker container, drop the read-only fields,"
                + " then: aws ecs register-task-definition --cli-input-json file://td.json && aws ecs update-service --cluster "
                + cluster + " --service " + service + " --task-definition <new revision>   # or drainboard --rollout";
        String cfn = """
                TaskDefinition:
                  Type: AWS::ECS::TaskDefinition
                  Properties:
                    ContainerDefinitions:
                      - Name: worker
                        StopTimeout: %d
                """.formatted(seconds);
        return new Finding.Fix(summary, cli, cfn, List.of());
    }

    /** Protection by the worker itself (docs/worker-snippets.md) or guard mode; not an AWS setting. */
    static Finding.Fix protectionLayer(String cluster, String service, String summary) {
        String cli = "aws ecs update-task-protection --cluster " + cluster + " --tasks <busy task ids>"
                + " --protection-enabled --expires-in-minutes 120   # stop-gap for today's busy tasks; lasting fix: the"
                + " worker protects itself (docs/worker-snippets.md) or drainboard guard runs for " + service;
        String cfn = """
                # No CloudFormation property protects a busy task: the worker calls the ECS agent's
                # task-protection endpoint (docs/worker-snippets.md), or the guard service does it.
                # Until then, turn scale-in off in the policy:
                TargetTrackingScalingPolicyConfiguration:
                  DisableScaleIn: true
                """;
        return new Finding.Fix(summary, cli, cfn, List.of());
    }
}

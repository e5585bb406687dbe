package io.drainboard.scaling;

import java.util.List;

/** Every fix as the AWS CLI command and the CloudFormation snippet that make it (docs/scaling.md shows them). */
final class Fixes {
    private Fixes() {
    }

    static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }

    /** Several policies as one fix: the CLI commands one after the other, the CloudFormation resources together. */
    static Finding.Fix policies(List<FixChange.SessionsPolicy> ps, String summary) {
        List<Finding.Fix> each = ps.stream().map(p -> policy(p, summary)).toList();
        return new Finding.Fix(summary, String.join("\n", each.stream().map(Finding.Fix::cli).toList()),
                String.join("", each.stream().map(Finding.Fix::cloudFormation).toList()), List.copyOf(ps));
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

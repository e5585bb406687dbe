package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.ec2autoscaling.AutoScalingGroups.CapacityProvider;
import io.drainboard.sim.http.AwsException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * DescribeCapacityProviders (ECS API Reference "DescribeCapacityProviders", "CapacityProvider",
 * "AutoScalingGroupProvider", "ManagedScaling"): the Auto Scaling group capacity providers of the region, named or all,
 * then FARGATE and FARGATE_SPOT (predefined, no group); at most 10 a page; an unknown name is a MISSING failure. And the
 * cluster's {@code capacityProviders} in DescribeClusters.
 */
final class CapacityProviderOps {
    static final List<String> FARGATE = List.of("FARGATE", "FARGATE_SPOT");

    private CapacityProviderOps() {
    }

    static ObjectNode describe(List<CapacityProvider> all, String region, String account, JsonNode request) {
        List<String> refs = Params.strings(request, "capacityProviders");
        if (refs.size() > 100) throw new AwsException("ClientException", "capacityProviders can have at most 100 items.");
        Integer max = Params.integer(request, "maxResults");
        if (max != null && (max < 1 || max > 10)) {
            throw new AwsException("InvalidParameterException", "maxResults must be between 1 and 10.");
        }
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("capacityProviders");
        ArrayNode failures = out.putArray("failures");
        List<ObjectNode> found = new ArrayList<>();
        if (refs.isEmpty()) {
            for (CapacityProvider p : all) found.add(render(p));
            for (String f : FARGATE) found.add(fargate(f, region, account));
        } else {
            for (String ref : new LinkedHashSet<>(refs)) {
                String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
                CapacityProvider p = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                if (p != null) found.add(render(p));
                else if (FARGATE.contains(name)) found.add(fargate(name, region, account));
                else failures.add(Json.missing(ref.startsWith("arn:") ? ref : arn(region, account, name)));
            }
        }
        Pagination.Page<ObjectNode> page = Pagination.page(found, o -> o.get("name").asText(), String.join(",", refs),
                Params.string(request, "nextToken"), max == null ? 10 : max);
        page.items().forEach(items::add);
        if (page.nextToken() != null) out.put("nextToken", page.nextToken());
        return out;
    }

    /** The names of the cluster's capacity providers, for DescribeClusters. */
    static ArrayNode ofCluster(List<CapacityProvider> all, String cluster) {
        List<String> names = new ArrayList<>();
        for (CapacityProvider p : all) if (p.cluster().equals(cluster)) names.add(p.name());
        return Json.strings(names);
    }

    private static String arn(String region, String account, String name) {
        return "arn:aws:ecs:" + region + ":" + account + ":capacity-provider/" + name;
    }

    private static ObjectNode render(CapacityProvider p) {
        ObjectNode o = Json.object();
        o.put("capacityProviderArn", p.arn());
        o.put("name", p.name());
        o.put("status", "ACTIVE");
        ObjectNode g = o.putObject("autoScalingGroupProvider");
        g.put("autoScalingGroupArn", p.groupArn());
        ObjectNode ms = g.putObject("managedScaling");
        ms.put("status", p.managedScaling() ? "ENABLED" : "DISABLED");
        ms.put("targetCapacity", p.targetCapacity());
        ms.put("minimumScalingStepSize", 1);
        ms.put("maximumScalingStepSize", 10000);
        ms.put("instanceWarmupPeriod", 300);
        g.put("managedTerminationProtection", p.managedTerminationProtection() ? "ENABLED" : "DISABLED");
        g.put("managedDraining", p.managedDraining() ? "ENABLED" : "DISABLED");
        o.put("updateStatus", "UPDATE_COMPLETE");
        return o;
    }

    private static ObjectNode fargate(String name, String region, String account) {
        ObjectNode o = Json.object();
        o.put("capacityProviderArn", arn(region, account, name));
        o.put("name", name);
        o.put("status", "ACTIVE");
        return o;
    }
}

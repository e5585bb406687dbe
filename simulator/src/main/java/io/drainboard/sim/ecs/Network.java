package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;

import java.util.List;

/**
 * awsvpc networking as ECS reports it: a task's ElasticNetworkInterface attachment (API Reference
 * "Attachment", "KeyValuePair" details) and a service's networkConfiguration. Subnet, security group
 * and ENI ids are derived from stable names since the model keeps only AZs and private IPs.
 */
final class Network {
    private Network() {
    }

    static boolean awsvpc(String networkMode) {
        return "awsvpc".equals(networkMode);
    }

    static String subnet(String account, String availabilityZone) {
        return "subnet-" + Ids.hex(account + "/" + availabilityZone, 17);
    }

    static String attachmentId(TaskState t) {
        return Ids.uuid(t.arn() + "#eni");
    }

    /** The task's ENI: status follows the lifecycle; details as Fargate tasks show them. */
    static ObjectNode eniAttachment(TaskState t, String account, String region) {
        ObjectNode a = Json.object();
        a.put("id", attachmentId(t));
        a.put("type", "ElasticNetworkInterface");
        a.put("status", Lifecycle.attachmentStatus(t));
        ArrayNode d = a.putArray("details");
        d.add(Json.nameValue("subnetId", subnet(account, t.availabilityZone())));
        d.add(Json.nameValue("networkInterfaceId", "eni-" + Ids.hex(t.arn() + "#eni-id", 17)));
        d.add(Json.nameValue("macAddress", Ids.mac(t.arn())));
        d.add(Json.nameValue("privateDnsName", privateDnsName(t.privateIp(), region)));
        d.add(Json.nameValue("privateIPv4Address", t.privateIp()));
        return a;
    }

    /** EC2 private DNS: ip-10-0-1-2.ec2.internal in us-east-1, ip-10-0-1-2.REGION.compute.internal elsewhere. */
    static String privateDnsName(String ip, String region) {
        String host = "ip-" + ip.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** Service / deployment networkConfiguration: one subnet per AZ the service spans. */
    static ObjectNode configuration(ServiceState s, String account) {
        ObjectNode vpc = Json.object();
        ArrayNode subnets = vpc.putArray("subnets");
        List<String> azs = s.availabilityZones();
        for (String az : azs) subnets.add(subnet(account, az));
        vpc.putArray("securityGroups").add("sg-" + Ids.hex(s.arn() + "#sg", 17));
        vpc.put("assignPublicIp", "DISABLED");
        ObjectNode n = Json.object();
        n.set("awsvpcConfiguration", vpc);
        return n;
    }
}

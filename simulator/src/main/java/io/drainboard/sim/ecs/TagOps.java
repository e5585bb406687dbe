package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.FleetModel;

import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource (API Reference "Tag"). Call under the model lock. */
final class TagOps {
    private TagOps() {
    }

    static ObjectNode tag(FleetModel m, Consistency consistency, JsonNode request) {
        String arn = resource(m, request);
        Map<String, String> tags = Params.tags(request, "tags");
        if (tags.isEmpty()) throw AwsException.invalidParameter("Tags cannot be empty.");
        Map<String, String> before = new java.util.LinkedHashMap<>(m.tags(arn));
        try {
            m.tagResource(arn, tags);
            consistency.wrote(m, Consistency.tags(arn), before);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidParameter(e.getMessage());
        }
        return Json.object();
    }

    static ObjectNode untag(FleetModel m, Consistency consistency, JsonNode request) {
        String arn = resource(m, request);
        Map<String, String> before = new java.util.LinkedHashMap<>(m.tags(arn));
        m.untagResource(arn, Params.strings(request, "tagKeys"));
        consistency.wrote(m, Consistency.tags(arn), before);
        return Json.object();
    }

    /**
     * ListTagsForResource's errors are ClientException, ClusterNotFoundException, InvalidParameterException and
     * ServerException (API Reference "ListTagsForResource", Errors; unlike TagResource it has no
     * ResourceNotFoundException): an unknown resource in a known cluster is an InvalidParameterException.
     */
    static ObjectNode list(FleetModel m, Consistency consistency, JsonNode request) {
        String arn = Params.required(request, "resourceArn", "resourceArn cannot be empty.");
        if (!arn.startsWith("arn:")) throw AwsException.invalidParameter("Invalid arn " + arn + ".");
        if (!m.resourceExists(arn)) {
            String cluster = clusterOf(arn);
            if (cluster != null && m.cluster(cluster).isEmpty()) {
                throw new AwsException("ClusterNotFoundException", "Cluster not found.");
            }
            throw AwsException.invalidParameter("The specified resource wasn't found.");
        }
        ObjectNode out = Json.object();
        Map<String, String> before = consistency.before(m, Consistency.tags(arn));
        out.set("tags", Json.tags(before != null ? before : m.tags(arn)));
        return out;
    }

    private static String resource(FleetModel m, JsonNode request) {
        String arn = Params.required(request, "resourceArn", "resourceArn cannot be empty.");
        if (!arn.startsWith("arn:")) throw AwsException.invalidParameter("Invalid arn " + arn + ".");
        if (!m.resourceExists(arn)) throw new AwsException("ResourceNotFoundException", "The specified resource wasn't found.");
        return arn;
    }

    /** The cluster an ARN of a service, task or container instance names ("…:service/CLUSTER/NAME"), else null. */
    private static String clusterOf(String arn) {
        String resource = arn.substring(arn.lastIndexOf(':') + 1);
        String[] parts = resource.split("/");
        return parts.length == 3 && !parts[0].equals("cluster") ? parts[1] : null;
    }
}

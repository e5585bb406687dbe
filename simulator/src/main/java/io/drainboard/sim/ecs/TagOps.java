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

    static ObjectNode tag(FleetModel m, JsonNode request) {
        String arn = resource(m, request);
        Map<String, String> tags = Params.tags(request, "tags");
        if (tags.isEmpty()) throw AwsException.invalidParameter("Tags cannot be empty.");
        try {
            m.tagResource(arn, tags);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidParameter(e.getMessage());
        }
        return Json.object();
    }

    static ObjectNode untag(FleetModel m, JsonNode request) {
        String arn = resource(m, request);
        m.untagResource(arn, Params.strings(request, "tagKeys"));
        return Json.object();
    }

    static ObjectNode list(FleetModel m, JsonNode request) {
        String arn = resource(m, request);
        ObjectNode out = Json.object();
        out.set("tags", Json.tags(m.tags(arn)));
        return out;
    }

    private static String resource(FleetModel m, JsonNode request) {
        String arn = Params.required(request, "resourceArn", "resourceArn cannot be empty.");
        if (!arn.startsWith("arn:")) throw AwsException.invalidParameter("Invalid arn " + arn + ".");
        if (!m.resourceExists(arn)) throw new AwsException("ResourceNotFoundException", "The specified resource wasn't found.");
        return arn;
    }
}

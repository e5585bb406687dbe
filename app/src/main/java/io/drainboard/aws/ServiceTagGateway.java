package io.drainboard.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags on an ECS resource (TagResource, UntagResource, ListTagsForResource; ECS API Reference "Tag").
 * ECS has no conditional tagging, so whoever builds a lock on tags must re-read after writing.
 */
public final class ServiceTagGateway {
    private final Regional<EcsClient> ecs;

    public ServiceTagGateway(EcsClient ecs) {
        this(Regional.ofClient(ecs));
    }

    /** Each call goes to the region and account of the resource's ARN. */
    public ServiceTagGateway(Regional<EcsClient> ecs) {
        this.ecs = ecs;
    }

    public Map<String, String> tags(String resourceArn) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : ecs.forArn(resourceArn).listTagsForResource(b -> b.resourceArn(resourceArn)).tags()) out.put(t.key(), t.value());
        return out;
    }

    public void tag(String resourceArn, String key, String value) {
        ecs.forArn(resourceArn).tagResource(b -> b.resourceArn(resourceArn).tags(Tag.builder().key(key).value(value).build()));
    }

    public void untag(String resourceArn, String key) {
        ecs.forArn(resourceArn).untagResource(b -> b.resourceArn(resourceArn).tagKeys(List.of(key)));
    }
}

package io.drainboard.sim.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resource tags by ARN (API Reference "TagResource": "A maximum number of 50 tags can be applied to a
 * resource"; key 1–128 characters, value 0–256; the aws: prefix is reserved).
 */
final class Tags {
    static final int MAX_PER_RESOURCE = 50;
    private final Map<String, Map<String, String>> byArn = new HashMap<>();

    Map<String, String> of(String arn) {
        Map<String, String> t = byArn.get(arn);
        return t == null ? Map.of() : Collections.unmodifiableMap(t);
    }

    void tag(String arn, Map<String, String> tags) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || k.length() > 128) throw new IllegalArgumentException("Tag keys must be 1-128 characters.");
            if (e.getValue() != null && e.getValue().length() > 256) throw new IllegalArgumentException("Tag values must be at most 256 characters.");
            if (k.toLowerCase().startsWith("aws:")) throw new IllegalArgumentException("The aws: prefix is reserved for AWS use.");
        }
        Map<String, String> merged = new LinkedHashMap<>(byArn.getOrDefault(arn, Map.of()));
        for (Map.Entry<String, String> e : tags.entrySet()) merged.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        if (merged.size() > MAX_PER_RESOURCE) throw new IllegalArgumentException("A resource can have at most 50 tags.");
        byArn.put(arn, merged);
    }

    void untag(String arn, Iterable<String> keys) {
        Map<String, String> t = byArn.get(arn);
        if (t == null) return;
        for (String k : keys) t.remove(k);
    }

    void forget(String arn) {
        byArn.remove(arn);
    }
}

package io.drainboard.sim.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an awsQuery request: a form-encoded body of {@code Name=Value} pairs where lists are
 * flattened as {@code Name.member.1}, {@code Name.member.2}, … and structures as {@code Name.Field}
 * (Smithy "AWS query protocol", https://smithy.io/2.0/aws/protocols/aws-query-protocol.html).
 */
public final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParams parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(k, v);
            }
        }
        return new QueryParams(out);
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@code Name.member.1 … Name.member.N}, in index order; empty when absent. */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(name + ".member." + i); i++) out.add(values.get(name + ".member." + i));
        return out;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}

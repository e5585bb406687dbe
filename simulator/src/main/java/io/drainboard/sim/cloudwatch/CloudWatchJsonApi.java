package io.drainboard.sim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.http.AwsJsonService;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch's other current protocol, awsJson1_0 ({@code X-Amz-Target: GraniteServiceVersion20100801.<Op>}),
 * which the service model lists after RPC v2 CBOR and which botocore (the AWS CLI) picks. Same operations
 * and answers as {@link CloudWatchApi}; timestamps travel as epoch seconds.
 */
public final class CloudWatchJsonApi implements AwsJsonService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudWatchApi api;

    public CloudWatchJsonApi(CloudWatchApi api) {
        this.api = api;
    }

    @Override
    public String targetPrefix() { return api.serviceName(); }

    @Override
    public String name() { return api.name(); }

    @Override
    public String contentType() { return "application/x-amz-json-1.0"; }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return JSON.valueToTree(plain(api.handle(operation, request)));
    }

    private static Object plain(Object v) {
        if (v instanceof Instant t) return t.getEpochSecond() + t.getNano() / 1e9;
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> {
                if (x != null) out.put(String.valueOf(k), plain(x));
            });
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(CloudWatchJsonApi::plain).toList();
        return v;
    }
}

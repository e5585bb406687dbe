package io.drainboard.sim.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One AWS service spoken in Smithy RPC v2 CBOR. */
public interface CborService {
    /** The service shape name in the path, e.g. {@code GraniteServiceVersion20100801}. */
    String serviceName();

    /** The namespace of the service's error shapes, e.g. {@code com.amazonaws.cloudwatch}. */
    String errorNamespace();

    /** A short name used for faults and request counting, e.g. {@code cloudwatch}. */
    String name();

    /**
     * Answers one request with a tree of maps, lists, scalars and {@link java.time.Instant}s.
     *
     * @throws AwsException for every error the service returns
     */
    Object handle(String operation, JsonNode request);
}

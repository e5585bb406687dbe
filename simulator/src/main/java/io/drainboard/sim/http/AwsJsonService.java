package io.drainboard.sim.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One AWS service spoken in awsJson1_1: the router hands it the operation name from X-Amz-Target. */
public interface AwsJsonService {
    /** The X-Amz-Target prefix, e.g. {@code AmazonEC2ContainerServiceV20141113}. */
    String targetPrefix();

    /** A short name used for faults and request counting, e.g. {@code ecs}. */
    String name();

    /** awsJson1_1 for most services; CloudWatch's JSON protocol is awsJson1_0. */
    default String contentType() {
        return AwsJsonRouter.CONTENT_TYPE;
    }

    /**
     * Answers one request.
     *
     * @throws AwsException for every error AWS would return; {@code UnknownOperationException} for
     *                      operations the service does not have
     */
    JsonNode handle(String operation, JsonNode request);
}

package io.drainboard.sim.http;

/** One AWS service spoken in awsQuery: the router hands it the {@code Action} and the other parameters. */
public interface AwsQueryService {
    /** The API version every request must carry, e.g. {@code 2011-01-01}. */
    String version();

    /** The response XML namespace, e.g. {@code http://autoscaling.amazonaws.com/doc/2011-01-01/}. */
    String xmlNamespace();

    /** A short name used for faults and request counting, e.g. {@code autoscaling}. */
    String name();

    /**
     * Answers one request with the inner XML of {@code <ActionResult>} (empty for none).
     *
     * @throws AwsException with the awsQuery error code as its type, e.g. {@code ValidationError}
     */
    String handle(String action, QueryParams params);
}

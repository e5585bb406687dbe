package io.drainboard.sim.http;

/**
 * An error as an AWS JSON 1.1 service returns it: {@code {"__type": type, "message": …}} with an HTTP
 * status (400 for client errors, 500 for ServerException). The SDK maps {@code __type} to its
 * exception class, and reads throttling from the type name (e.g. ThrottlingException).
 */
public class AwsException extends RuntimeException {
    private final String type;
    private final String queryCode;
    private final int status;

    public AwsException(String type, String message) {
        this(type, 400, message);
    }

    public AwsException(String type, int status, String message) {
        this(type, type, status, message);
    }

    /**
     * For services that moved from awsQuery to a JSON or CBOR protocol and stay "query compatible"
     * (CloudWatch): {@code queryCode} is the old awsQuery error code, sent in {@code x-amzn-query-error}.
     */
    public AwsException(String type, String queryCode, int status, String message) {
        super(message);
        this.type = type;
        this.queryCode = queryCode;
        this.status = status;
    }

    public String type() { return type; }

    public String queryCode() { return queryCode; }

    public int status() { return status; }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    public static AwsException client(String message) {
        return new AwsException("ClientException", message);
    }
}

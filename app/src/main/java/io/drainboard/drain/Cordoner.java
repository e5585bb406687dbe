package io.drainboard.drain;

/**
 * Makes one task stop taking new calls by one method; returns an error in the operator's words, or null. The
 * service names the task in those words (an operator fixes a service, not a cluster).
 */
public interface Cordoner {
    String cordon(String cluster, String service, String taskArn);

    /** The cordon with what became of it; a cordoner that can be asked to wait (the ECS Exec signal) says so. */
    default CordonOutcome attempt(String cluster, String service, String taskArn) {
        String error = cordon(cluster, service, taskArn);
        return error == null ? CordonOutcome.sent() : CordonOutcome.notSent(error);
    }
}

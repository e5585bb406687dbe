package io.drainboard.drain;

/**
 * Makes one task stop taking new calls by one method; returns an error in the operator's words, or null. The
 * service names the task in those words (an operator fixes a service, not a cluster).
 */
public interface Cordoner {
    String cordon(String cluster, String service, String taskArn);
}

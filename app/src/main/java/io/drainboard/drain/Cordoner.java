package io.drainboard.drain;

/** Makes one task stop taking new calls by one method; returns an error in the operator's words, or null. */
public interface Cordoner {
    String cordon(String cluster, String taskArn);
}

package io.drainboard.fleet;

/**
 * How long ECS waits between SIGTERM and SIGKILL for this task, and why (docs/aws-facts.md#stop-timeout).
 *
 * @param basis in the operator's words: "container 120 s", "Fargate default", "capped at Fargate's 120 s", …
 */
public record StopTimeout(int seconds, String basis) {
}

package io.drainboard.rollout;

import io.drainboard.drain.HttpCordon;

import java.util.Optional;
import java.util.function.Function;

/**
 * The http cordon for a profile's drain-route template, which may name the task's private IP
 * ({@code {taskIp}}, read from the latest snapshot) as well as {@code {taskId}} and {@code {taskArn}}.
 */
final class DrainRoute {
    private final String template;
    private final Function<String, Optional<String>> ipOf;

    DrainRoute(String template, Function<String, Optional<String>> ipOf) {
        this.template = template;
        this.ipOf = ipOf;
    }

    /** An error in the operator's words, or null when the worker took the cordon. */
    String cordon(String cluster, String taskArn) {
        String url = template;
        if (url.contains("{taskIp}")) {
            Optional<String> ip = ipOf.apply(taskArn);
            if (ip.isEmpty()) return "the task's private IP is not known yet (needed by the drain route " + template + ")";
            url = url.replace("{taskIp}", ip.get());
        }
        return new HttpCordon(url).cordon(cluster, taskArn);
    }
}

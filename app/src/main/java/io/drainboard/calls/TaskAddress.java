package io.drainboard.calls;

import java.util.Optional;

/** What a per-task call source needs to reach or name one task. */
public record TaskAddress(String arn, String id, String cluster, String service, Optional<String> privateIp) {
}

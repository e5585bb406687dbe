package io.drainboard.fleet;

import java.util.Optional;

/** One container of a task as DescribeTasks reports it (ECS API Reference "Container"). */
public record ContainerSnapshot(String name, String image, String lastStatus, Optional<Integer> exitCode,
                                Optional<String> reason, String healthStatus) {
}

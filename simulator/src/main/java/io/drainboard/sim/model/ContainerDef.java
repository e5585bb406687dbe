package io.drainboard.sim.model;

/**
 * One container of a task definition, as far as the model acts on it. {@code stopTimeout} is null when the
 * definition leaves it unset, which matters: ECS then applies the launch type's default (DESIGN.md §1).
 * Everything else a client registered is kept verbatim in {@link TaskDefinitionState#document()}.
 *
 * @param memoryReservation the soft limit in MiB, null when unset
 * @param healthCheck       the container health check, null when the definition has none
 */
public record ContainerDef(String name, String image, int cpu, int memory, boolean essential, Integer stopTimeout,
                           Integer memoryReservation, HealthCheck healthCheck) {

    public ContainerDef(String name, String image, int cpu, int memory, boolean essential, Integer stopTimeout) {
        this(name, image, cpu, memory, essential, stopTimeout, null, null);
    }

    /**
     * A container health check (API Reference "HealthCheck"): interval 5–300 s (default 30), timeout 2–60 s
     * (default 5), retries 1–10 (default 3), startPeriod 0–300 s (default off).
     */
    public record HealthCheck(int intervalSeconds, int timeoutSeconds, int retries, int startPeriodSeconds) {
        public static final HealthCheck DEFAULT = new HealthCheck(30, 5, 3, 0);
    }
}

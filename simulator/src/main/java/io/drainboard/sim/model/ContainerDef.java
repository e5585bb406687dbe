package io.drainboard.sim.model;

/**
 * One container of a task definition. {@code stopTimeout} is null when the definition leaves it unset,
 * which matters: ECS then applies the launch type's default (DESIGN.md §1).
 */
public record ContainerDef(String name, String image, int cpu, int memory, boolean essential, Integer stopTimeout) {
}

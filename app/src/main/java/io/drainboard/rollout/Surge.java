package io.drainboard.rollout;

/**
 * How far above desired count ECS may run tasks during a rollout: maxParallel + spares. Every old task is
 * protected, so it counts against the ceiling but cannot be stopped: the room above desired count is exactly
 * the replacements ECS can start. maxParallel of them stand in for the tasks being drained; the spares (1 by
 * default) are ready (gated) before the next task is cordoned, so a drain starts the moment another ends
 * instead of a task start-up and a gate later. ECS rounds maximumPercent × desired down (Developer Guide
 * "Deploy Amazon ECS services by replacing tasks").
 */
final class Surge {
    private Surge() {
    }

    /** The least maximumPercent that lets ECS run maxParallel + spares tasks above desired count. */
    static int maximumPercent(int desired, int maxParallel, int spares) {
        if (desired <= 0) return 200;
        int extra = Math.max(1, maxParallel + spares);
        // From 100 tasks on, one percent is a whole task or more, so the room may exceed what was asked
        // (extraTasks says by how much).
        return (100 * (desired + extra) + desired - 1) / desired;
    }

    /** How many tasks above desired count ECS may run at this maximumPercent. */
    static int extraTasks(int desired, int maximumPercent) {
        return desired * maximumPercent / 100 - desired;
    }
}

package io.drainboard.fleet;

import java.util.List;

/**
 * The effective stopTimeout of a task. Sources: ContainerDefinition.stopTimeout in the ECS API
 * Reference — Fargate: default 30 s, maximum 120 s; EC2: the container value, else the agent's
 * ECS_CONTAINER_STOP_TIMEOUT (default 30 s).
 */
public final class StopTimeouts {
    public static final int FARGATE_DEFAULT = 30;
    public static final int FARGATE_MAX = 120;
    public static final int EC2_AGENT_DEFAULT = 30;

    private StopTimeouts() {
    }

    /**
     * @param containerValues the stopTimeout of each container, null where unset; ECS stops containers
     *                        together, so the task lives as long as its longest container timeout
     */
    public static StopTimeout effective(String launchType, List<Integer> containerValues) {
        boolean fargate = "FARGATE".equals(launchType);
        Integer longest = null;
        for (Integer v : containerValues) if (v != null && (longest == null || v > longest)) longest = v;
        if (longest == null) {
            return fargate ? new StopTimeout(FARGATE_DEFAULT, "Fargate default (stopTimeout unset)")
                    : new StopTimeout(EC2_AGENT_DEFAULT, "ECS agent default (stopTimeout unset)");
        }
        if (fargate && longest > FARGATE_MAX) {
            return new StopTimeout(FARGATE_MAX, "capped at Fargate's 120 s (container asks " + longest + " s)");
        }
        return new StopTimeout(longest, "container stopTimeout");
    }
}

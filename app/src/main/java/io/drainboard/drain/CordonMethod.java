package io.drainboard.drain;

/**
 * How a task is made to stop taking new calls (docs/drain.md, Safe drain).
 * <ul>
 *   <li>EXEC_SIGNAL — ECS Exec runs {@code kill -TERM 1}: the worker drains natively and exits when idle;
 *       ECS's stopTimeout clock does not run because ECS did not start the stop. Nothing may signal it
 *       again while it has calls (a second signal kills a LiveKit worker at once).</li>
 *   <li>HTTP — the worker's drain route calls {@code server.drain()}; the task is stopped once idle.</li>
 *   <li>NONE — nothing cordons: protect, then stop when idle or when the risk model clears it.</li>
 * </ul>
 */
public enum CordonMethod {
    EXEC_SIGNAL("exec-signal"), HTTP("http"), NONE("none");

    private final String key;

    CordonMethod(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static CordonMethod of(String key) {
        for (CordonMethod m : values()) if (m.key.equals(key)) return m;
        throw new IllegalArgumentException("unknown cordon method '" + key + "'; use exec-signal, http or none");
    }
}

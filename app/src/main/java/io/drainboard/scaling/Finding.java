package io.drainboard.scaling;

/**
 * One thing wrong with how a service scales: what, the number behind it, and the fix.
 *
 * @param measured the figure that made it fire, with its source ("scale-in cooldown 60 s")
 * @param why      what it costs, in the operator's words
 */
public record Finding(Kind kind, Severity severity, String title, String measured, String why, Fix fix) {
    public enum Severity { PROBLEM, WARNING }

    /** Each check of docs/scaling.md, by the name JSON output and tests use. */
    public enum Kind {
        NO_POLICY, NOT_ON_SESSIONS, SCALE_IN_UNPROTECTED, SCALE_IN_TOO_FAST, SCALE_OUT_TOO_SLOW, MIN_BELOW_TWO,
        MAX_BELOW_PEAK, LOW_HEADROOM, NO_HEADROOM_METRIC, NOT_DIRECT, SCALING_CONFLICT, DIRECT_NOT_RUNNING,
        EC2_CAPACITY, STOP_TIMEOUT_SHORT, FARGATE_LONG_CALLS
    }

    /**
     * The fix as an AWS CLI command and a CloudFormation snippet; {@code changes} are what the console can apply
     * itself, in order (empty when the fix is not an API call, e.g. a new task definition revision);
     * {@code profile}: YAML to add to the guard service's profile (direct scaling), empty when the fix needs none. A
     * profile is not a fleet change, so the console shows it and never applies it.
     */
    public record Fix(String summary, String cli, String cloudFormation, java.util.List<FixChange> changes, String profile) {
        public Fix {
            changes = java.util.List.copyOf(changes);
        }

        public Fix(String summary, String cli, String cloudFormation, java.util.List<FixChange> changes) {
            this(summary, cli, cloudFormation, changes, "");
        }
    }
}

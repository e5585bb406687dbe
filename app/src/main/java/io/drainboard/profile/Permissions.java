package io.drainboard.profile;

import java.util.Optional;

/**
 * What the operator may do with a profile, derived from it once; engines check it before acting and the
 * UI greys out what it refuses. Read-only refuses every mutating action. Production asks the operator
 * to type the service name before anything that stops tasks or replaces them (drain, force stop,
 * rollout, rollback), so a slip of the mouse on the wrong profile cannot cut calls.
 */
public record Permissions(String profileName, boolean readOnly, boolean production) {

    /** Everything the console can do to a fleet, in the operator's words. */
    public enum Action {
        PROTECT("protect tasks", true), EXTEND("extend protection", true), RELEASE("release protection", true),
        GUARD("guard a service", true), CORDON("cordon a task", true), DRAIN("drain tasks", true),
        FORCE_STOP("force-stop a task", true), ROLLOUT("roll out a task definition", true),
        ROLLBACK("roll back", true), SUSPEND_SCALE_IN("suspend scale-in", true),
        INSTANCE_PROTECTION("protect container instances", true), EXPORT_REPORT("export an incident report", false);

        private final String words;
        private final boolean mutating;

        Action(String words, boolean mutating) {
            this.words = words;
            this.mutating = mutating;
        }

        public String words() {
            return words;
        }

        public boolean mutating() {
            return mutating;
        }
    }

    /** How an action is confirmed; REFUSED when the profile does not allow it at all. */
    public enum Confirmation { REFUSED, NONE, CONFIRM, TYPE_SERVICE_NAME }

    public static Permissions of(Profile profile) {
        return new Permissions(profile.name(), profile.readOnly(), profile.production());
    }

    public boolean allows(Action action) {
        return !(readOnly && action.mutating());
    }

    /** Why an action is refused, to show in place of the action; empty when it is allowed. */
    public Optional<String> refusal(Action action) {
        if (allows(action)) return Optional.empty();
        return Optional.of("Cannot " + action.words() + ": profile " + profileName + " is read-only "
                + "(readOnly: true). Open an operator profile to act on the fleet.");
    }

    public Confirmation confirmation(Action action) {
        if (!allows(action)) return Confirmation.REFUSED;
        return switch (action) {
            case PROTECT, EXTEND, GUARD, EXPORT_REPORT -> Confirmation.NONE;
            case DRAIN, CORDON, FORCE_STOP, ROLLOUT, ROLLBACK -> production ? Confirmation.TYPE_SERVICE_NAME
                    : Confirmation.CONFIRM;
            case RELEASE, SUSPEND_SCALE_IN, INSTANCE_PROTECTION -> Confirmation.CONFIRM;
        };
    }

    /** What the confirmation dialog asks, for an action on a service. */
    public String prompt(Action action, String service) {
        return switch (confirmation(action)) {
            case REFUSED -> refusal(action).orElseThrow();
            case NONE -> "";
            case CONFIRM -> "Really " + action.words() + " in " + service + "?";
            case TYPE_SERVICE_NAME -> "Production profile " + profileName + ": type the service name '" + service
                    + "' to " + action.words() + ".";
        };
    }

    /**
     * Whether the operator's answer lets the action go: anything for NONE, an explicit yes for CONFIRM,
     * the exact service name for TYPE_SERVICE_NAME. Never true for a refused action.
     */
    public boolean confirmed(Action action, String service, boolean clickedYes, String typed) {
        return switch (confirmation(action)) {
            case REFUSED -> false;
            case NONE -> true;
            case CONFIRM -> clickedYes;
            case TYPE_SERVICE_NAME -> clickedYes && typed != null && typed.strip().equals(service);
        };
    }
}

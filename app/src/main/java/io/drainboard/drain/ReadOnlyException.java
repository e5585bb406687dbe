package io.drainboard.drain;

/** A mutating action asked of a read-only profile: refused before anything is audited or sent. */
public final class ReadOnlyException extends RuntimeException {
    public ReadOnlyException(String action) {
        super("'" + action + "' is not possible: this profile is read-only. Open an operator profile to act on the fleet.");
    }

    /** Refused because the account of what it touches is read-only in this profile (its other accounts may not be). */
    public ReadOnlyException(String action, String account) {
        super("'" + action + "' is not possible: account " + account + " is read-only in this profile; nothing was sent.");
    }

    /** Throws when the profile, or the account of any of these ARNs, is read-only. */
    public static void check(io.drainboard.profile.Profile profile, String action, java.util.Collection<String> arns) {
        if (profile.readOnly()) throw new ReadOnlyException(action);
        for (String arn : arns) {
            if (profile.readOnlyFor(arn)) {
                throw new ReadOnlyException(action, profile.accountOf(arn).map(a -> a.name() + " (" + a.id() + ")")
                        .orElse("of " + arn.substring(arn.lastIndexOf('/') + 1) + ", which the profile does not list,"));
            }
        }
    }
}

package io.drainboard.drain;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;

import java.util.Collection;
import java.util.Optional;

/**
 * An action on a service the profile's {@code serviceFilter} leaves out (docs/profiles.md): the window does not
 * show it, so nothing acts on it either; refused before anything is audited or sent.
 */
public final class NotShownException extends RuntimeException {
    public NotShownException(String action, String service, Profile profile) {
        super("'" + action + "' is not possible: service " + service + " is not in this profile's serviceFilter "
                + profile.serviceFilter() + "; nothing was sent.");
    }

    /** Throws when the profile's serviceFilter leaves {@code service} out. */
    public static void check(Profile profile, String action, String service) {
        if (!profile.showsService(service)) throw new NotShownException(action, service, profile);
    }

    /**
     * Throws when any of these tasks is of a service the filter leaves out, or, with a filter, is not in
     * {@code latest} at all (its service cannot be told, so it is not acted on).
     */
    public static void checkTasks(Profile profile, String action, Collection<String> taskArns, FleetSnapshot latest) {
        if (profile.serviceFilter().isEmpty()) return;
        for (String arn : taskArns) {
            Optional<TaskSnapshot> t = latest == null ? Optional.empty() : latest.task(arn);
            if (t.isEmpty()) {
                throw new IllegalStateException("'" + action + "' is not possible: task " + arn.substring(arn.lastIndexOf('/') + 1)
                        + " is not in the last refresh, so its service cannot be checked against this profile's"
                        + " serviceFilter; refresh and try again. Nothing was sent.");
            }
            check(profile, action, t.get().serviceName());
        }
    }
}

package io.drainboard.ui.actions;

import io.drainboard.profile.Profile;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The profile's safety rails as the UI applies them (docs/operating.md, Confirmations): a read-only profile shows every action
 * disabled with the reason; a production profile asks for the service name typed out before a drain, a
 * force or a rollout. The engine refuses read-only actions too: this only says so before trying.
 */
public record Rails(String profileName, boolean readOnly, boolean production) {
    /** No profile open yet: nothing can be done. */
    public static final Rails CLOSED = new Rails("", true, false);

    public static Rails of(Profile p) {
        return new Rails(p.name(), p.readOnly(), p.production());
    }

    /** Why a mutating action cannot run here, or empty when it can. */
    public Optional<String> refusal() {
        if (this == CLOSED) return Optional.of("no profile open yet");
        return readOnly ? Optional.of("read-only profile: " + profileName + " may look but not change the fleet;"
                + " open an operator profile (readOnly: false) to act") : Optional.empty();
    }

    /** The text a production profile wants typed before a dangerous action on these services, if any. */
    public Optional<String> typeToConfirm(Collection<String> services) {
        return production ? Optional.of(String.join(", ", new TreeSet<>(services))) : Optional.empty();
    }
}

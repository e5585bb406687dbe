package io.drainboard.drain;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a task's protection. ECS does not say who protected a task (GetTaskProtection gives only the flag and
 * the expiry), so it is worked out from what each party leaves behind, and an expiry identifies a grant (every
 * UpdateTaskProtection resets it):
 * <ol>
 *   <li>this process granted that very expiry ({@link ProtectionGrants}) → <b>this console</b> (or, in the guard
 *       service, this guard);</li>
 *   <li>a guard service's {@link ProtectionMark} on the task carries that expiry → <b>guard service</b>;</li>
 *   <li>the service says its workers protect themselves (tag {@value #SELF_PROTECT_TAG} = {@code true} on the
 *       service, docs/worker-snippets.md) → <b>self</b>: the worker, through the ECS agent's endpoint;</li>
 *   <li>otherwise <b>someone else</b>: another console, a script, the AWS CLI.</li>
 * </ol>
 * Nothing that guards a service releases a task held by self or someone else: that is not its protection to end.
 */
public record ProtectionHolder(Kind kind, String words) {
    /** The service tag by which a service says its workers protect their own task. */
    public static final String SELF_PROTECT_TAG = "drainboard:self-protect";

    public enum Kind {
        /** Not protected. */
        NONE("—"),
        /** Protection could not be read. */
        UNKNOWN("?"),
        SELF("self"),
        THIS_CONSOLE("this console"),
        GUARD_SERVICE("guard service"),
        SOMEONE_ELSE("someone else");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final ProtectionHolder NONE = new ProtectionHolder(Kind.NONE, "not protected");
    public static final ProtectionHolder UNKNOWN = new ProtectionHolder(Kind.UNKNOWN, "protection not read");

    /** The service's workers protect their own task (its {@value #SELF_PROTECT_TAG} tag is {@code true}). */
    public static boolean selfProtecting(ServiceSnapshot s) {
        return "true".equalsIgnoreCase(s.tags().getOrDefault(SELF_PROTECT_TAG, "").trim());
    }

    public static ProtectionHolder of(TaskSnapshot t, boolean selfProtecting, ProtectionGrants ours, Instant now) {
        Protection p = t.protection();
        if (p.state() == Protection.State.UNKNOWN) return UNKNOWN;
        if (p.state() != Protection.State.ON) return NONE;
        Optional<Instant> expiry = p.expiresAt();
        if (expiry.isPresent() && ours.holds(t.arn(), expiry.get(), now)) {
            return new ProtectionHolder(Kind.THIS_CONSOLE, "protected by this console");
        }
        Optional<ProtectionMark> mark = ProtectionMark.of(t.tags());
        if (expiry.isPresent() && mark.isPresent() && mark.get().covers(expiry.get())
                && ProtectionMark.GUARD.equals(mark.get().by())) {
            return new ProtectionHolder(Kind.GUARD_SERVICE, "protected by the guard service " + mark.get().id() + " on "
                    + mark.get().host());
        }
        if (selfProtecting) return new ProtectionHolder(Kind.SELF, "protected by its own worker (self-protection)");
        return new ProtectionHolder(Kind.SOMEONE_ELSE, "protected by someone else (not this console, not a guard service)");
    }

    /** A guard may end this protection: its own grant, or a guard service's (a guard taking over from another). */
    public boolean aGuardMayRelease() {
        return kind == Kind.THIS_CONSOLE || kind == Kind.GUARD_SERVICE;
    }
}

package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.CordonMethod;
import io.drainboard.drain.CordonOutcome;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real effects, with the console process dying around one mutation when armed: just before it is sent
 * (journaled as intended, never sent) or just after (sent, never journaled as done); or with another console
 * acting just after one (a race inside one pass). Not a fake of any client: every call goes to the real effects.
 */
final class CrashingEffects implements RolloutEffects {
    /** The process died. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String when) {
            super("console killed " + when);
        }
    }

    enum When { BEFORE, AFTER }

    private final RolloutEffects real;
    private When armed;
    private String only;
    private String racedBy;
    private Runnable race;
    private String failAfter;
    private String failing;

    CrashingEffects(RolloutEffects real) {
        this.real = real;
    }

    /** Dies around the next mutation. */
    void arm(When when) {
        arm(when, null);
    }

    /** Dies around the next mutation of this kind ("cordon", "stop", "deploy", …). */
    void arm(When when, String what) {
        armed = when;
        only = what;
    }

    /** Runs {@code other} (another console's write) just after the next mutation of this kind is sent. */
    void afterNext(String what, Runnable other) {
        racedBy = what;
        race = other;
    }

    /**
     * Once a mutation of kind {@code first} has been sent, the next of kind {@code then} fails as a step that did not
     * happen ({@link RolloutEffects.StepFailed}: nothing sent), as a refused or lost call would.
     */
    void failAfter(String first, String then) {
        failAfter = first;
        failing = then;
    }

    private <T> T mutate(String what, java.util.function.Supplier<T> send) {
        if (failing != null && failAfter == null && what.equals(failing)) {
            failing = null;
            throw new StepFailed("the " + what + " call failed (injected)");
        }
        if (failAfter != null && what.equals(failAfter)) {
            T out = send.get();
            failAfter = null;
            return out;
        }
        if (race != null && what.equals(racedBy)) {
            T out = send.get();
            Runnable r = race;
            race = null;
            r.run();
            return out;
        }
        if (only != null && !only.equals(what)) return send.get();
        When w = armed;
        armed = null;
        if (w == When.BEFORE) throw new Killed("before " + what);
        T out = send.get();
        if (w == When.AFTER) throw new Killed("after " + what);
        return out;
    }

    private void mutate(String what, Runnable send) {
        mutate(what, () -> {
            send.run();
            return null;
        });
    }

    @Override
    public Optional<ScalableTargetGateway.Scaling> scaling(String cluster, String service) {
        return real.scaling(cluster, service);
    }

    @Override
    public void setScaling(String cluster, String service, ScalableTargetGateway.Scaling flags, String reason) {
        mutate("set scaling", () -> real.setScaling(cluster, service, flags, reason));
    }

    @Override
    public List<TaskProtectionGateway.Outcome> protect(String cluster, List<String> tasks, int minutes, String reason) {
        return mutate("protect", () -> real.protect(cluster, tasks, minutes, reason));
    }

    @Override
    public List<TaskProtectionGateway.Outcome> release(String cluster, List<String> tasks, String reason) {
        return mutate("release", () -> real.release(cluster, tasks, reason));
    }

    @Override
    public void configure(String cluster, String service, ServiceDeployGateway.DeploymentSettings settings, String reason) {
        mutate("configure", () -> real.configure(cluster, service, settings, reason));
    }

    @Override
    public void deploy(String cluster, String service, String taskDefinition, String reason) {
        mutate("deploy", () -> real.deploy(cluster, service, taskDefinition, reason));
    }

    @Override
    public CordonOutcome cordon(String cluster, String service, String task, CordonMethod method, String reason) {
        if (armed == When.AFTER && "cordon".equals(only)) {
            CordonOutcome out = real.cordon(cluster, service, task, method, reason);
            // Nothing sent yet: an exec signal waits until ECS's reads show its mark; die after the one that is sent.
            if (out.kind() == CordonOutcome.Kind.WAITING) return out;
            armed = null;
            throw new Killed("after cordon");
        }
        return mutate("cordon", () -> real.cordon(cluster, service, task, method, reason));
    }

    @Override
    public io.drainboard.drain.HttpCordon.Lean lean(String cluster, String task, java.time.Duration ttl, String reason) {
        return mutate("lean", () -> real.lean(cluster, task, ttl, reason));
    }

    @Override
    public void stopTask(String cluster, String task, String reason) {
        mutate("stop", () -> real.stopTask(cluster, task, reason));
    }

    @Override
    public void record(String action, String target, String detail) {
        real.record(action, target, detail);
    }

    @Override
    public boolean readOnly() {
        return real.readOnly();
    }

    @Override
    public Map<String, String> tags(String resourceArn) {
        return real.tags(resourceArn);
    }

    @Override
    public void tag(String resourceArn, String key, String value, String reason) {
        mutate("tag", () -> real.tag(resourceArn, key, value, reason));
    }

    @Override
    public void untag(String resourceArn, String key, String reason) {
        mutate("untag", () -> real.untag(resourceArn, key, reason));
    }
}

package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.drain.CallAges;
import io.drainboard.drain.CutRisk;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checklist before a rollout (pure: its inputs are read by {@link PreflightReader}). Each check says
 * pass, warn or fail, what it found, and the fix. Any FAIL keeps the rollout from starting.
 */
public final class Preflight {
    /** Fargate's ceiling for stopTimeout (ECS Developer Guide, "Container definitions": stopTimeout, max 120 s on Fargate). */
    static final int FARGATE_MAX_STOP_TIMEOUT = 120;
    static final int DEFAULT_STOP_TIMEOUT = 30;
    static final int DEPLOYMENT_LIMIT = 5;

    /** What the checks look at. */
    public record Inputs(ServiceSnapshot service, ServiceDeployGateway.Revision target,
                         Optional<ScalableTargetGateway.Scaling> scaling, Optional<String> scalingError,
                         Optional<LockHolder> lock, RolloutSettings settings, boolean readOnly, Instant now) {
    }

    private Preflight() {
    }

    public static List<PreflightCheck> run(Inputs in) {
        List<PreflightCheck> out = new ArrayList<>();
        if (in.readOnly()) {
            out.add(PreflightCheck.fail("Profile", "this profile is read-only",
                    "open an operator profile (readOnly: false) to roll out"));
        }
        out.add(revision(in));
        out.add(stopTimeout(in));
        out.add(cordon(in));
        out.add(calls(in));
        out.add(protection(in));
        out.add(deployments(in));
        out.add(capacity(in));
        out.add(scaleIn(in));
        out.add(loadBalancer(in));
        out.add(lock(in));
        return out;
    }

    public static boolean canStart(List<PreflightCheck> checks) {
        return checks.stream().noneMatch(c -> c.verdict() == PreflightCheck.Verdict.FAIL);
    }

    private static PreflightCheck revision(Inputs in) {
        ServiceSnapshot s = in.service();
        String name = "Revision";
        if (!in.target().requiresCompatibilities().isEmpty() && !in.target().requiresCompatibilities().contains(s.launchType())
                && !"EC2".equals(s.launchType())) {
            return PreflightCheck.fail(name, in.target().label() + " does not support " + s.launchType(),
                    "register the revision with requiresCompatibilities " + s.launchType());
        }
        if (in.target().arn().equals(s.taskDefinitionArn())) {
            long outgoing = s.tasks().stream().filter(t -> ServiceView.live(t) && !in.target().arn().equals(t.taskDefinitionArn()))
                    .count();
            return outgoing > 0 ? PreflightCheck.pass(name, "continues the deployment of " + in.target().label()
                    + " already under way (" + outgoing + " task(s) still on an older revision)")
                    : PreflightCheck.fail(name, "the service already runs " + in.target().label(),
                    "pick another revision, or register a copy of this one to replace every task");
        }
        return PreflightCheck.pass(name, revisionLabel(s) + " → " + in.target().label());
    }

    private static PreflightCheck stopTimeout(Inputs in) {
        ServiceSnapshot s = in.service();
        String name = "Stop timeout vs call length";
        boolean fargate = "FARGATE".equals(s.launchType());
        int timeout = effectiveStopTimeout(in.target(), fargate);
        double p99 = in.settings().callP99Seconds();
        CutRisk risk = in.settings().risk();
        double wouldCut = 0;
        for (TaskSnapshot t : s.tasks()) {
            if (ServiceView.live(t) && t.calls().known()) wouldCut += risk.expectedCut(CallAges.of(t, in.now()), timeout);
        }
        String found = s.launchType() + ", stopTimeout " + timeout + " s in " + in.target().label() + "; calls last up to "
                + Progress.minutes(p99) + " (p99): a native deploy now would cut ≈ " + Math.round(wouldCut)
                + " call(s). This rollout drains each task before ECS signals it";
        if (fargate && timeout < FARGATE_MAX_STOP_TIMEOUT) {
            return PreflightCheck.warn(name, found, "set stopTimeout: 120 in the worker's container definition (Fargate's"
                    + " maximum): it is the grace for a call that lands just before a task is stopped");
        }
        if (in.settings().method() == io.drainboard.drain.CordonMethod.NONE && timeout < p99) {
            return PreflightCheck.warn(name, found + "; with no cordon, a busy task is stopped only when idle or when its"
                    + " calls are predicted to end within stopTimeout", "configure a cordon method (exec-signal or http)");
        }
        return PreflightCheck.pass(name, found);
    }

    /** ECS's rule: the container's stopTimeout; unset, 30 s (Fargate default; EC2 agent default); Fargate caps at 120 s. */
    static int effectiveStopTimeout(ServiceDeployGateway.Revision r, boolean fargate) {
        int t = r.containers().stream().filter(ServiceDeployGateway.Container::essential)
                .map(c -> c.stopTimeout().orElse(DEFAULT_STOP_TIMEOUT)).min(Integer::compare).orElse(DEFAULT_STOP_TIMEOUT);
        return fargate ? Math.min(t, FARGATE_MAX_STOP_TIMEOUT) : t;
    }

    private static PreflightCheck cordon(Inputs in) {
        String name = "Cordon";
        ServiceSnapshot s = in.service();
        return switch (in.settings().method()) {
            case EXEC_SIGNAL -> s.enableExecuteCommand()
                    ? PreflightCheck.pass(name, "exec-signal: ECS Exec is enabled; runs '" + in.settings().execCommand() + "'"
                    + (in.settings().execContainer() == null ? "" : " in container " + in.settings().execContainer()))
                    : PreflightCheck.fail(name, "exec-signal, but ECS Exec is not enabled on " + s.name(),
                    "aws ecs update-service --cluster " + s.clusterName() + " --service " + s.name()
                            + " --enable-execute-command (the new revision's tasks start with it), or set cordon.method"
                            + " to http or none for this service in the profile");
            case HTTP -> PreflightCheck.warn(name, "http: POST " + in.settings().drainUrl() + "; it cannot be tried before"
                    + " the first drain. A refused cordon stops nothing: the drain is retried and says why",
                    "make sure the worker serves the drain route (docs/worker-snippets.md) and the console can reach it");
            case NONE -> PreflightCheck.warn(name, "none: each old task is stopped only when idle (or when all its calls are"
                    + " predicted to end within stopTimeout with p ≥ " + in.settings().riskBar() + "); on a busy service a"
                    + " drain may wait long", "configure exec-signal or http for this service in the profile");
        };
    }

    private static PreflightCheck calls(Inputs in) {
        List<TaskSnapshot> unknown = in.service().tasks().stream().filter(t -> ServiceView.running(t) && !t.calls().known())
                .toList();
        if (unknown.isEmpty()) {
            String src = in.service().tasks().stream().findFirst().map(t -> t.calls().source()).orElse("-");
            return PreflightCheck.pass("Calls", "live calls counted on every task (" + src + ")");
        }
        return PreflightCheck.fail("Calls", "calls unknown on " + unknown.size() + " task(s) ("
                        + unknown.get(0).calls().error().orElse("no answer") + "); the rollout never acts blind",
                "fix the call source (profile calls:) and refresh");
    }

    private static PreflightCheck protection(Inputs in) {
        ServiceSnapshot s = in.service();
        String name = "Protection vs desired count";
        long running = s.tasks().stream().filter(ServiceView::running).count();
        long protectedNow = s.tasks().stream().filter(t -> t.protection().state() == io.drainboard.fleet.Protection.State.ON).count();
        if (s.desiredCount() == 0) return PreflightCheck.fail(name, "desired count is 0", "scale the service up first");
        if (running > s.desiredCount()) {
            return PreflightCheck.warn(name, running + " tasks run for a desired count of " + s.desiredCount()
                    + ": ECS refuses to protect more tasks than desired (DEPLOYMENT_BLOCKED), so the rollout first drains "
                    + (running - s.desiredCount()) + " of them", "let the service settle first if that is not expected");
        }
        return PreflightCheck.pass(name, "protects the " + running + " running task(s) (desired " + s.desiredCount()
                + ", " + protectedNow + " protected now) for " + in.settings().lease().toMinutes()
                + " min, renewed while the rollout runs; if the console never returns the leases run out");
    }

    private static PreflightCheck deployments(Inputs in) {
        List<DeploymentSnapshot> d = in.service().deployments();
        String name = "Deployments";
        if (d.size() >= DEPLOYMENT_LIMIT) {
            return PreflightCheck.fail(name, d.size() + " deployments active: ECS allows " + DEPLOYMENT_LIMIT,
                    "wait for the older deployments to finish (their tasks to stop)");
        }
        boolean inProgress = d.stream().anyMatch(x -> "IN_PROGRESS".equals(x.rolloutState()));
        boolean toTarget = d.stream().anyMatch(x -> "PRIMARY".equals(x.status()) && in.target().arn().equals(x.taskDefinitionArn()));
        if (inProgress && !toTarget) {
            return PreflightCheck.fail(name, "a deployment is in progress (" + d.get(0).rolloutState() + ", "
                    + d.size() + " active)", "wait for it to complete, then roll out");
        }
        if (d.size() == DEPLOYMENT_LIMIT - 1) {
            return PreflightCheck.warn(name, d.size() + " deployments active: this rollout makes the fifth, and a rollback"
                    + " would need a sixth", "let the older deployments finish first");
        }
        return PreflightCheck.pass(name, d.size() + " active (limit " + DEPLOYMENT_LIMIT + "); this rollout adds one");
    }

    private static PreflightCheck capacity(Inputs in) {
        ServiceSnapshot s = in.service();
        int k = in.settings().maxParallel();
        int max = Surge.maximumPercent(s.desiredCount(), k, in.settings().spares());
        int extra = Surge.extraTasks(s.desiredCount(), max);
        String name = "Capacity headroom";
        String found = "maximumPercent " + max + " % (now " + s.deploymentConfig().maximumPercent() + " %): ECS runs up to "
                + (s.desiredCount() + extra) + " tasks, " + extra + " above desired: " + k + " in place of the task(s)"
                + " draining and " + in.settings().spares() + " spare(s), so a drain starts as soon as another ends";
        if (k > s.desiredCount()) {
            return PreflightCheck.warn(name, found, "maxParallel above desired count gains nothing; use at most "
                    + s.desiredCount());
        }
        int asked = Math.max(1, k + in.settings().spares());
        if (extra > asked) {
            return PreflightCheck.warn(name, found + " (one percent of " + s.desiredCount() + " tasks is more than "
                    + asked + ")", "raise maxParallel or spares to use them, or accept the extra replacements");
        }
        if (!"FARGATE".equals(s.launchType())) {
            return PreflightCheck.warn(name, found + "; the cluster's instances must have room for " + extra
                    + " more task(s), which the console cannot check", "add an instance if they are full: the rollout"
                    + " would wait with 'waiting for ECS to start a replacement'");
        }
        return PreflightCheck.pass(name, found + " (Fargate: within the account's vCPU quota)");
    }

    private static PreflightCheck scaleIn(Inputs in) {
        String name = "Scale-in suspension";
        if (in.scalingError().isPresent()) {
            return PreflightCheck.warn(name, "could not read the scalable target (" + in.scalingError().get()
                            + "): if the service auto-scales, a scale-in could stop new tasks with calls",
                    "allow application-autoscaling:DescribeScalableTargets and RegisterScalableTarget");
        }
        return in.scaling().map(sc -> sc.scaleInSuspended()
                        ? PreflightCheck.pass(name, "dynamic scale-in already suspended: left as it is")
                        : PreflightCheck.pass(name, "target " + sc.minCapacity() + "–" + sc.maxCapacity()
                        + ": dynamic scale-in is suspended during the rollout and resumed after"))
                .orElse(PreflightCheck.pass(name, "no Application Auto Scaling target: nothing scales the service in"));
    }

    private static PreflightCheck loadBalancer(Inputs in) {
        String name = "Load balancer deregistration";
        if (!in.service().loadBalanced()) return PreflightCheck.pass(name, "no load balancer: tasks stop without delay");
        return PreflightCheck.warn(name, "tasks are behind a load balancer: ECS waits the target group's deregistration"
                + " delay (ELB's default 300 s) before each SIGTERM. Drained tasks are idle, so no call is lost, but each"
                + " step takes that much longer", "lower the deregistration delay on the agents' target group (e.g. 30 s)");
    }

    private static PreflightCheck lock(Inputs in) {
        String name = "Rollout lock";
        if (in.lock().isEmpty()) return PreflightCheck.pass(name, "no other rollout holds " + in.service().name());
        LockHolder h = in.lock().get();
        if (h.live(in.now())) {
            return PreflightCheck.fail(name, "held by " + h.describe(), "wait for that rollout to end, or for its lock to"
                    + " expire if its console is gone");
        }
        return PreflightCheck.warn(name, "a stale lock (expired " + h.until() + ") by " + h.owner() + "@" + h.host()
                + " will be taken over", "check that rollout is really gone (its journal is on " + h.host() + ")");
    }

    private static String revisionLabel(ServiceSnapshot s) {
        String arn = s.taskDefinitionArn();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}

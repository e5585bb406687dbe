package io.drainboard.drain;

import io.drainboard.audit.AuditLog;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.Regional;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.aws.ssm.ExecSession;
import io.drainboard.aws.ssm.ExecSignal;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What an operator can do to the fleet, in one place for the UI and the command line: protect, extend
 * and release tasks, guard a service, drain a task with its service's cordon method, scale a service in safely. Wired by
 * {@code Console}; stepped on every snapshot. Everything is audited and refused in a read-only profile.
 *
 * <p>Who decides, who sends: on each snapshot the drains decide on the refresher's thread under the
 * coordinator's lock, in microseconds, and their effects go out on {@link EngineThreads#effects()} holding no
 * lock ({@link AsyncDrainEffects}); guard mode and scale-ins step on the engine thread. A slow cordon route or
 * ECS Exec session therefore never delays a refresh, and a drain shows what it sent until it is answered.
 */
public final class FleetActions implements FleetListener, AutoCloseable {
    private final Profile profile;
    private final Optional<String> drainRoute;
    private final Clock clock;
    private final AuditLog audit;
    private final ProtectionActions protection;
    private final ServiceGuard guard;
    private final ChosenScaleIns chosen;
    private final DrainCoordinator drains;
    private final ScaleIns scaleIns;
    private final EngineThreads threads;
    private final AsyncDrainEffects sent;
    private final TaskActivities activities = new TaskActivities();
    private final AtomicReference<FleetSnapshot> latest = new AtomicReference<>();

    public FleetActions(Profile profile, EcsClient ecs, AuditLog audit, Clock clock) {
        this(profile, Regional.ofClient(ecs), audit, clock, Optional.empty(), EngineThreads.inline());
    }

    /**
     * @param ecs        ECS of every account and region the profile reaches: each call goes to the region and
     *                   account of the task or service it acts on
     * @param drainRoute a drain-route template that replaces the profile's, for the embedded simulator: task
     *                   IPs there are not reachable, the simulator serves every worker's routes on its own port
     */
    public FleetActions(Profile profile, Regional<EcsClient> ecs, AuditLog audit, Clock clock, Optional<String> drainRoute,
                        EngineThreads threads) {
        this.profile = profile;
        this.threads = threads;
        this.drainRoute = drainRoute;
        this.clock = clock;
        this.audit = audit;
        this.protection = new ProtectionActions(new TaskProtectionGateway(ecs), audit, profile.readOnly());
        Supplier<ExecSignal> exec = () -> new ExecSignal(ecs, new ExecSession(), Duration.ofSeconds(30));
        SignalMark marks = SignalMark.of(new ServiceTagGateway(ecs), clock);
        Cordoner byService = new Cordoner() {
            @Override
            public String cordon(String cluster, String service, String taskArn) {
                return cordonerFor(cluster, service, exec, marks).cordon(cluster, service, taskArn);
            }

            @Override
            public CordonOutcome attempt(String cluster, String service, String taskArn) {
                return cordonerFor(cluster, service, exec, marks).attempt(cluster, service, taskArn);
            }
        };
        DrainEffects effects = new FleetDrainEffects(protection, new EcsMutations(ecs), audit,
                java.util.Map.of(CordonMethod.EXEC_SIGNAL, byService, CordonMethod.HTTP, byService,
                        CordonMethod.NONE, (c, s, t) -> null), profile.readOnly());
        // Each service's own call-length prior and drain budget (its services: entry over the profile-wide ones).
        DrainRules rules = new DrainRules() {
            @Override
            public CutRisk risk(String cluster, String service) {
                Profile.CallPrior prior = profile.forService(cluster, service).callLength();
                return new CutRisk(LognormalSurvival.ofMedianAndP99(prior.median().toSeconds(), prior.p99().toSeconds()));
            }

            @Override
            public int budget(String cluster, String service) {
                return profile.forService(cluster, service).drain().budget();
            }
        };
        this.chosen = new ChosenScaleIns(effects, new ChosenScaleIns.Setup() {
            @Override
            public CordonMethod method(String cluster, String service) {
                return profile.forService(cluster, service).cordon().method() == Profile.CordonMethod.HTTP
                        ? CordonMethod.HTTP : CordonMethod.NONE;
            }

            @Override
            public CutRisk risk(String cluster, String service) {
                return rules.risk(cluster, service);
            }
        }, clock);
        // Off unless the profile says guard.chosenScaleIn: true (it cordons busy tasks): guard mode as without it.
        this.guard = new ServiceGuard(protection, profile.guard().chosenScaleIn() ? Optional.of(chosen) : Optional.empty());
        this.sent = new AsyncDrainEffects(effects, threads.effects());
        this.drains = new DrainCoordinator(sent, rules);
        // A scale-in starts on the operator's thread with effects that answer at once (it must know every task is
        // protected before it lowers the count); its later steps send like the drains, answers kept apart from theirs.
        this.scaleIns = new ScaleIns(protection, effects, new AsyncDrainEffects(effects, threads.effects()),
                new ServiceScaling(new EcsMutations(ecs), audit, profile.readOnly()), rules, guard);
    }

    private Cordoner cordonerFor(String cluster, String service, Supplier<ExecSignal> exec, SignalMark marks) {
        Profile.CordonSettings c = profile.forService(cluster, service).cordon();
        return switch (c.method()) {
            case EXEC_SIGNAL -> new ExecCordon(exec, c.command(), c.container(), marks);
            case HTTP -> new HttpCordon(drainRoute.orElse(c.drainUrl()), arn -> task(arn).flatMap(TaskSnapshot::privateIp));
            case NONE -> (cl, s, arn) -> null;
        };
    }

    private Optional<TaskSnapshot> task(String arn) {
        FleetSnapshot s = latest.get();
        return s == null ? Optional.empty() : s.task(arn);
    }

    @Override
    public String name() {
        return "Drains, guard mode and scale-ins";
    }

    @Override
    public void snapshot(FleetSnapshot s) {
        if (s.partial()) return; // never the latest, never decided on: its engines wait for a whole fleet
        latest.set(s);
        drains.snapshot(s); // decides here; sends on the effects executor
        for (DrainStatus d : drains.statuses()) {
            if (d.phase().finished()) sent.forget(d.taskArn());
        }
        publishDrains();
        threads.step("guard mode and scale-ins", s, x -> {
            guard.snapshot(x);
            activities.publish(TaskActivity.Source.GUARD, "guard mode", guard.activities());
            scaleIns.snapshot(x);
            publishScaleIns();
        });
        threads.rethrowFailure(); // an engine step that failed on its thread is reported for this listener
    }

    /**
     * What is happening to each task, whoever started it (this console's drains, instance drains, scale-ins,
     * guard mode, and the rollouts that publish here): the task table's Drain column and the drain action read it.
     */
    public TaskActivities activities() {
        return activities;
    }

    private void publishDrains() {
        List<TaskActivity> all = drains.activities();
        for (TaskActivity.Source source : List.of(TaskActivity.Source.OPERATOR, TaskActivity.Source.INSTANCE_DRAIN)) {
            activities.publish(source, "drain coordinator", all.stream().filter(a -> a.source() == source).toList());
        }
    }

    private void publishScaleIns() {
        for (ScaleInStatus st : scaleIns.statuses()) {
            String owner = "scale-in of " + st.cluster() + "/" + st.service();
            activities.publish(TaskActivity.Source.SCALE_IN, owner, st.drains().stream()
                    .map(d -> TaskActivity.drain(TaskActivity.Source.SCALE_IN, owner, d)).toList());
        }
    }

    /** Where this console's engines run (shared with the EC2 engines). */
    public EngineThreads threads() {
        return threads;
    }

    @Override
    public void close() {
        threads.close();
    }

    public boolean readOnly() {
        return profile.readOnly();
    }

    /** What this console protected, with the expiries ECS answered (who holds a task's protection). */
    public ProtectionGrants grants() {
        return protection.grants();
    }

    public List<TaskProtectionGateway.Outcome> protect(String cluster, List<String> tasks, int minutes, String reason) {
        ReadOnlyException.check(profile, "protect", tasks);
        NotShownException.checkTasks(profile, "protect", tasks, latest.get());
        return protection.protect(cluster, tasks, minutes, reason);
    }

    public List<TaskProtectionGateway.Outcome> release(String cluster, List<String> tasks, String reason) {
        ReadOnlyException.check(profile, "release", tasks);
        NotShownException.checkTasks(profile, "release", tasks, latest.get());
        return protection.release(cluster, tasks, reason);
    }

    public void guard(String cluster, String service, boolean on) {
        guard(cluster, service, on, "");
    }

    /** Guard mode on or off for a service, with the operator's reason in the audit log. */
    public void guard(String cluster, String service, boolean on, String reason) {
        if (profile.readOnly()) throw new ReadOnlyException("guard mode");
        if (on) NotShownException.check(profile, "guard mode", service);
        if (on) unique(cluster, service);
        String key = cluster + "/" + service;
        audit.begin(on ? "guard-on" : "guard-off", List.of(key), reason, java.util.Map.of()).complete("ok", List.of());
        Profile.GuardSettings g = profile.guard();
        if (on) guard.enable(key, new GuardPolicy.Settings(g.lease(), g.renewBefore(), g.idleHysteresis()));
        else guard.disable(key);
    }

    public Optional<ServiceGuard.Status> guardStatus(String cluster, String service) {
        return guard.status(cluster + "/" + service);
    }

    /**
     * Starts a drain with the service's cordon method, deadline and budget from the profile.
     *
     * @throws IllegalStateException when a rollout or a scale-in is draining the task: it decides when the task
     *                               stops, and a second drain would send a second cordon
     */
    public DrainStatus drain(String cluster, String service, String taskArn) {
        // By the task's account too: an http cordon goes to the worker, not through a (read-only) AWS client.
        ReadOnlyException.check(profile, "drain", List.of(taskArn));
        NotShownException.check(profile, "drain", service);
        NotShownException.checkTasks(profile, "drain", List.of(taskArn), latest.get());
        Optional<TaskActivity> other = activities.of(taskArn).filter(a -> !a.commandable());
        Optional<String> refused = other.flatMap(TaskActivity::refusesADrain);
        if (refused.isPresent()) throw new IllegalStateException(shortId(taskArn) + ": " + refused.get());
        DrainStatus st = drains.drain(cluster, service, taskArn, planFor(cluster, service), clock.instant());
        publishDrains();
        return st;
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The service's drain plan from the profile: its cordon method, deadline and survival bar. */
    public DrainPlan planFor(String cluster, String service) {
        Profile.ServicePolicy p = profile.forService(cluster, service);
        CordonMethod method = cordonMethod(p);
        DrainPlan d = DrainPlan.defaults(method);
        return new DrainPlan(method, d.finish(), p.drain().deadline(), d.onDeadline(), d.lease(),
                d.renewBefore(), p.drain().survivalBar());
    }

    /**
     * Starts a drain on the operator's word: the request and its reason are audited ("drain"), then the
     * engine's own steps (protect, cordon, stop) are audited as they happen.
     */
    public DrainStatus drain(String cluster, String service, String taskArn, String reason) {
        ReadOnlyException.check(profile, "drain", List.of(taskArn));
        NotShownException.check(profile, "drain", service);
        NotShownException.checkTasks(profile, "drain", List.of(taskArn), latest.get());
        AuditLog.Intent intent = audit.begin("drain", List.of(taskArn), reason, java.util.Map.of("cluster", cluster,
                "service", service, "method", profile.forService(cluster, service).cordon().method().name()));
        try {
            DrainStatus s = drain(cluster, service, taskArn);
            intent.complete("ok", List.of(s.phase() + ": " + s.reason()));
            return s;
        } catch (RuntimeException e) {
            intent.complete("failed", List.of(String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /** The operator, having confirmed, accepts cutting a drain's remaining calls: StopTask on the next step. */
    public void forceDrain(String taskArn, String reason) {
        drainCommand("drain-force", taskArn, reason, TaskDrain::force);
    }

    /** The operator stops a drain: nothing more is sent; its protection lease simply runs out. */
    public void cancelDrain(String taskArn, String reason) {
        drainCommand("drain-cancel", taskArn, reason, TaskDrain::cancel);
    }

    private void drainCommand(String action, String taskArn, String reason, java.util.function.Consumer<TaskDrain> what) {
        ReadOnlyException.check(profile, action, List.of(taskArn));
        synchronized (drains) { // the coordinator steps drains under this lock
            TaskDrain d = drains.drainOf(taskArn).orElseThrow(() ->
                    new IllegalStateException("this console is not draining " + taskArn));
            AuditLog.Intent intent = audit.begin(action, List.of(taskArn), reason, java.util.Map.of());
            what.accept(d);
            intent.complete("ok", List.of(d.status().phase() + ": " + d.status().reason()));
        }
        publishDrains();
    }

    /** Drains waiting for room in their service's drain budget. */
    public List<String> queuedDrains() {
        return drains.queued();
    }

    /** At most this many tasks of the service drain at once; the rest queue (its drain.budget, as the coordinator enforces it). */
    public int drainBudget(String cluster, String service) {
        return profile.forService(cluster, service).drain().budget();
    }

    private static CordonMethod cordonMethod(Profile.ServicePolicy p) {
        return switch (p.cordon().method()) {
            case EXEC_SIGNAL -> CordonMethod.EXEC_SIGNAL;
            case HTTP -> CordonMethod.HTTP;
            case NONE -> CordonMethod.NONE;
        };
    }

    /**
     * Safe scale-in: removes {@code count} tasks of the service, those predicted idle soonest, draining them
     * first with the service's cordon method, so no call is cut ({@link ScaleIn} says how). Returns at once
     * with the status; it then advances on every snapshot ({@link #scaleInStatus}).
     *
     * @throws ReadOnlyException     in a read-only profile
     * @throws IllegalStateException when it cannot start safely, with the reason in the operator's words
     */
    public ScaleInStatus scaleIn(String cluster, String service, int count, String reason) {
        if (profile.readOnly()) throw new ReadOnlyException("scale in");
        NotShownException.check(profile, "scale in", service);
        io.drainboard.fleet.ServiceSnapshot svc = unique(cluster, service).orElseThrow(() -> new IllegalStateException(
                "no fresh reading of " + service + " yet; scale in after the next refresh"));
        Profile.ServicePolicy p = profile.forService(cluster, service);
        DrainPlan plan = ScaleIn.plan(cordonMethod(p), p.drain().deadline(), p.drain().survivalBar());
        ScaleInStatus st = scaleIns.start(svc, count, reason, plan, clock.instant());
        publishScaleIns();
        return st;
    }

    /**
     * The one service of these names in the latest refresh; refused when the names run in several regions (or
     * accounts), since acting on one of them by name could reach the wrong one.
     */
    private Optional<io.drainboard.fleet.ServiceSnapshot> unique(String cluster, String service) {
        FleetSnapshot s = latest.get();
        if (s == null) return Optional.empty();
        List<io.drainboard.fleet.ServiceSnapshot> found = s.services()
                .filter(x -> x.clusterName().equals(cluster) && x.name().equals(service)).toList();
        if (found.size() > 1) {
            throw new IllegalStateException(cluster + "/" + service + " runs in " + found.size() + " regions ("
                    + found.stream().map(x -> Regional.Place.of(x.arn()).map(p -> p.account() + "/" + p.region())
                    .orElse(x.arn())).toList() + "); act on it where the console names its region");
        }
        return found.stream().findFirst();
    }

    public Optional<ScaleInStatus> scaleInStatus(String cluster, String service) {
        return scaleIns.status(cluster, service);
    }

    /** Stops a scale-in safely: tasks not cordoned yet stay (desired count given back), cordoned ones finish. */
    public Optional<ScaleInStatus> abortScaleIn(String cluster, String service) {
        if (profile.readOnly()) throw new ReadOnlyException("abort a scale-in");
        Optional<ScaleInStatus> st = scaleIns.abort(cluster, service);
        publishScaleIns();
        return st;
    }

    /** Lets drains held by a cordon alarm go on; those tasks are stopped only once idle. */
    public Optional<ScaleInStatus> resumeScaleIn(String cluster, String service) {
        if (profile.readOnly()) throw new ReadOnlyException("resume a scale-in");
        Optional<ScaleInStatus> st = scaleIns.resume(cluster, service, clock.instant());
        publishScaleIns();
        return st;
    }

    public List<DrainStatus> drains() {
        return drains.statuses();
    }

    public DrainCoordinator coordinator() {
        return drains;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The scale-in of chosen tasks guard mode runs, for the guard service: audited here, cordons by the profile's method. */
    public ChosenScaleIns chosenScaleIns() {
        return chosen;
    }
}

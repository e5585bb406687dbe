package io.drainboard.rollout;

import io.drainboard.audit.AuditLog;
import io.drainboard.audit.DataDirectory;
import io.drainboard.aws.AppAutoScalingClients;
import io.drainboard.aws.Regional;
import io.drainboard.aws.EcsMutations;
import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.aws.ssm.ExecSession;
import io.drainboard.aws.ssm.ExecSignal;
import io.drainboard.drain.ExecCordon;
import io.drainboard.drain.HttpCordon;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.drain.SignalMark;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A rollout's parts for one open console, wired by hand in this one place: gateways on the console's ECS
 * clients without SDK retries (the engine retries a failed step on its next pass, so a throttled call never
 * blocks it), Application Auto Scaling clients aimed at the same accounts, the audit log, the journal. A
 * rollout acts in one service's account and region: {@link #effects(RolloutSpec)} binds every gateway to the
 * region and account of the service's ARN; calls that name an ARN (tags, task definitions) go to its region.
 */
public final class RolloutWiring implements AutoCloseable {
    private final Profile profile;
    private final Optional<String> simulatedDrainUrl;
    private final Clock clock;
    private final Supplier<FleetSnapshot> reader;
    private final Regional<EcsClient> ecs;
    private final Regional<AppAutoScalingClients> autoScaling;
    private final AuditLog audit;
    private final RolloutJournal journal;
    private final AtomicReference<FleetSnapshot> latest = new AtomicReference<>();

    /**
     * @param simulatedDrainUrl on a simulator, the drain route it serves for every worker (task IPs are private
     *                          and unreachable there); empty on AWS
     * @param ecs               an ECS client without SDK retries (the engine retries on its next pass)
     * @param reader            one refresh of the fleet on the caller's thread
     */
    public RolloutWiring(Profile profile, Optional<String> simulatedDrainUrl, Clock clock, EcsClient ecs,
                         Supplier<FleetSnapshot> reader, RolloutJournal journal) {
        this(profile, simulatedDrainUrl, clock, Regional.ofClient(ecs), reader, journal);
    }

    /** @param ecs an ECS client without SDK retries per account and region the console reaches */
    public RolloutWiring(Profile profile, Optional<String> simulatedDrainUrl, Clock clock, Regional<EcsClient> ecs,
                         Supplier<FleetSnapshot> reader, RolloutJournal journal) {
        this.profile = profile;
        this.simulatedDrainUrl = simulatedDrainUrl;
        this.clock = clock;
        this.reader = reader;
        this.ecs = ecs;
        this.autoScaling = ecs.map(AppAutoScalingClients::new);
        this.audit = new AuditLog(DataDirectory.resolve(), clock, profile.name());
        this.journal = journal;
    }

    public Profile profile() {
        return profile;
    }

    public Clock clock() {
        return clock;
    }

    public RolloutJournal journal() {
        return journal;
    }

    /** Where the audit log is written (checked writable by the preflight). */
    java.nio.file.Path auditDirectory() {
        return audit.directory();
    }

    /** One refresh of the fleet, on the caller's thread; remembered for the drain route's task IPs. */
    public FleetSnapshot refresh() {
        FleetSnapshot s = reader.get();
        latest.set(s);
        return s;
    }

    /** Tells the wiring about a snapshot read elsewhere (the console's own refresher). */
    public void saw(FleetSnapshot s) {
        latest.set(s);
    }

    /** Task definitions and deployments where the profile has one region (refused, naming no ARN, when several). */
    public ServiceDeployGateway deploys() {
        return new ServiceDeployGateway(ecs);
    }

    /** Task definitions and deployments in the account and region of this service (or other ARN). */
    public ServiceDeployGateway deploys(String serviceArn) {
        return new ServiceDeployGateway(ecs.at(serviceArn));
    }

    /** The scalable target of the service with this ARN, in its account and region. */
    public ScalableTargetGateway scaling(String serviceArn) {
        return new ScalableTargetGateway(autoScaling.at(serviceArn).map(AppAutoScalingClients::client));
    }

    /** Tags, each call in the account and region of the resource's ARN. */
    public ServiceTagGateway tags() {
        return new ServiceTagGateway(ecs);
    }

    /** The profile's settings for the service (cordon, call length, drain deadline) and the rollout defaults. */
    public RolloutSettings settings(String cluster, String service, int maxParallel) {
        RolloutSettings s = RolloutSettings.of(profile.forService(cluster, service), maxParallel);
        if (simulatedDrainUrl.isPresent()) {
            // Task IPs are private and unreachable; the simulator serves every worker's routes on its own port.
            String route = simulatedDrainUrl.get();
            s = new RolloutSettings(s.cordon(), s.execContainer(), s.execCommand(), route, s.maxParallel(), s.spares(), s.lease(),
                    s.renewBefore(), s.gate(), s.drainDeadline(), s.lockTtl(), s.failuresToPause(), s.callMedianSeconds(),
                    s.callP99Seconds(), s.riskBar(), s.lean());
        }
        return s;
    }

    /** The rollout's effects, every one in the account and region of the rolled-out service. */
    public RolloutEffects effects(RolloutSpec spec) {
        io.drainboard.drain.NotShownException.check(profile, "roll out", spec.service());
        return effects(ecs.at(spec.serviceArn()), autoScaling.at(spec.serviceArn()), spec.settings());
    }

    /** The rollout's effects where the profile has one region; with several, use {@link #effects(RolloutSpec)}. */
    public RolloutEffects effects(RolloutSettings s) {
        return effects(ecs, autoScaling, s);
    }

    private RolloutEffects effects(Regional<EcsClient> ecs, Regional<AppAutoScalingClients> autoScaling, RolloutSettings s) {
        boolean readOnly = profile.readOnly();
        ProtectionActions protection = new ProtectionActions(new TaskProtectionGateway(ecs), audit, readOnly);
        Supplier<ExecSignal> signal = () -> new ExecSignal(ecs, new ExecSession(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build(), clock), Duration.ofSeconds(15));
        ServiceTagGateway tags = new ServiceTagGateway(ecs);
        return new FleetRolloutEffects(protection, new ServiceDeployGateway(ecs),
                Optional.of(new ScalableTargetGateway(autoScaling.map(AppAutoScalingClients::client))),
                tags, new EcsMutations(ecs),
                Optional.of(new ExecCordon(signal, s.execCommand(), Optional.ofNullable(s.execContainer()),
                        SignalMark.of(tags, clock))),
                Optional.of(new HttpCordon(s.drainUrl(), this::ipOf)), audit, readOnly);
    }

    /**
     * Whether the service exists and the profile's serviceFilter names it, ECS asked directly with transient errors
     * retried; empty when it does.
     */
    Optional<ServiceLookup.Problem> missing(String cluster, String service, RolloutRunner.Pacer pacer) {
        if (!profile.showsService(service)) {
            return Optional.of(new ServiceLookup.Problem(io.drainboard.profile.ExitCode.USAGE, "service " + service
                    + " is not in this profile's serviceFilter " + profile.serviceFilter() + ": the console neither shows"
                    + " nor rolls it out"));
        }
        return new ServiceLookup(ecs).check(cluster, service, pacer);
    }

    /**
     * Registers the next revision of {@code currentArn} as an exact copy, written to the audit log first; for a
     * rollout the operator has confirmed (a planned copy, {@link PreflightReader#checkCopy}). Refused in a
     * read-only profile.
     */
    public ServiceDeployGateway.Revision registerCopy(String currentArn, String reason) {
        if (profile.readOnly()) throw new io.drainboard.drain.ReadOnlyException("register a task definition");
        AuditLog.Intent intent = audit.begin("register-task-definition", List.of(currentArn), reason,
                java.util.Map.of("copyOf", currentArn.substring(currentArn.lastIndexOf('/') + 1)));
        try {
            ServiceDeployGateway.Revision r = deploys(currentArn).registerCopy(currentArn);
            intent.complete("ok", List.of(r.arn()));
            return r;
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            String why = io.drainboard.fleet.AwsErrors.explain(e);
            intent.complete("failed", List.of(why));
            throw new RolloutEffects.StepFailed("cannot register a copy of " + currentArn + ": " + why, e);
        }
    }

    public PreflightReader preflight() {
        return new PreflightReader(this);
    }

    private Optional<String> ipOf(String taskArn) {
        FleetSnapshot s = latest.get();
        return s == null ? Optional.empty() : s.task(taskArn).flatMap(TaskSnapshot::privateIp);
    }

    @Override
    public void close() {
        autoScaling.entries().forEach(e -> e.client().close());
    }
}

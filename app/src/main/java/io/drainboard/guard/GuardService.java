package io.drainboard.guard;

import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.SessionHeadroom;
import io.drainboard.drain.ChosenScaleIns;
import io.drainboard.drain.GuardLease;
import io.drainboard.drain.GuardPolicy;
import io.drainboard.drain.GuardRoom;
import io.drainboard.drain.ProtectionActions;
import io.drainboard.drain.ProtectionHolder;
import io.drainboard.drain.ProtectionMark;
import io.drainboard.drain.Renewal;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The headless guard: the console's guard policy ({@link GuardPolicy}) run on every fleet reading for the services it
 * guards, by the replica that leads each one ({@link LeaseKeeper}). It only protects, renews and releases — it never
 * stops a task and never signals one — and it never releases a task whose calls it cannot see, one that a failed read
 * left in doubt, or a protection that is not a guard's (the worker's own, someone else's: {@link ProtectionHolder}).
 * Each task it protects gets a {@link ProtectionMark}, so consoles and the next leader know the protection is the
 * guard's. When it dies its leases simply run out. One log line per decision; counters for {@code /metrics}; the
 * leader publishes the session figures ({@link SessionMetrics}) once a minute.
 */
public final class GuardService {
    /**
     * @param services "cluster/service" names to guard; empty: every service of the profile's clusters
     * @param leaseTtl how long a leadership lease lasts unrenewed (a standby takes over after it)
     */
    public record Settings(String id, String host, Duration leaseTtl, Set<String> services, GuardPolicy.Settings policy) {
    }

    private static final Duration METRICS_EVERY = Duration.ofMinutes(1);

    private final Settings settings;
    private final Clock clock;
    private final ProtectionActions protection;
    private final ServiceTagGateway tags;
    private final Optional<SessionMetrics> metrics;
    private final Optional<ChosenScaleIns> chosen;
    private final Optional<DirectScaling> direct;
    private final Consumer<String> log;
    private final GuardPolicy policy;
    final GuardStats stats = new GuardStats();
    private final Map<String, LeaseKeeper> keepers = new HashMap<>();
    private final Map<String, Map<String, Instant>> idleSince = new HashMap<>();
    private final Map<String, LeaseKeeper.Role> roles = new HashMap<>();
    /** Per service, why a chosen task's release waited on the last pass: logged when it changes, not every refresh. */
    private final Map<String, String> waiting = new HashMap<>();
    private Instant nextMetricsAt = Instant.MIN;
    /** Per service, its recent sessions, for the ramp in the published headroom load (every good reading, not once a minute). */
    private final Map<String, SessionHeadroom.Ramp> ramps = new HashMap<>();
    static final SessionHeadroom HEADROOM = SessionHeadroom.RECOMMENDED;

    public GuardService(Settings settings, Clock clock, ProtectionActions protection, ServiceTagGateway tags,
                        Optional<SessionMetrics> metrics, Consumer<String> log) {
        this(settings, clock, protection, tags, metrics, Optional.empty(), log);
    }

    /** @param chosen the scale-in of chosen tasks, run by the leader after its protection pass on a good reading */
    public GuardService(Settings settings, Clock clock, ProtectionActions protection, ServiceTagGateway tags,
                        Optional<SessionMetrics> metrics, Optional<ChosenScaleIns> chosen, Consumer<String> log) {
        this(settings, clock, protection, tags, metrics, chosen, Optional.empty(), log);
    }

    /** @param direct the leader sets the desired count from the headroom's aim ({@code guard.scaling.direct}) */
    public GuardService(Settings settings, Clock clock, ProtectionActions protection, ServiceTagGateway tags,
                        Optional<SessionMetrics> metrics, Optional<ChosenScaleIns> chosen, Optional<DirectScaling> direct,
                        Consumer<String> log) {
        this.chosen = chosen;
        this.direct = direct;
        this.settings = settings;
        this.clock = clock;
        this.protection = protection;
        this.tags = tags;
        this.metrics = metrics;
        this.log = log;
        this.policy = new GuardPolicy(settings.policy());
    }

    public Settings settings() {
        return settings;
    }

    /** The services of the reading this replica guards (named ones, or all). */
    public List<ServiceSnapshot> guarded(FleetSnapshot s) {
        return s.services().filter(x -> settings.services().isEmpty() || settings.services().contains(x.key())).toList();
    }

    /** One pass over a fresh reading. */
    public void pass(FleetSnapshot snap) {
        if (snap.partial()) return; // a task missing from it may be running: never decide on part of the fleet
        Instant now = clock.instant();
        Duration lag = Duration.between(snap.takenAt(), now).isNegative() ? Duration.ZERO : Duration.between(snap.takenAt(), now);
        Map<String, SessionFigures> figures = new LinkedHashMap<>();
        for (ClusterSnapshot c : snap.clusters()) {
            for (ServiceSnapshot s : c.services()) {
                if (!settings.services().isEmpty() && !settings.services().contains(s.key())) continue;
                if (!guard(s, c.error().isEmpty(), now, lag)) continue;
                Optional<SessionFigures> f = SessionFigures.of(s);
                double ramp = f.map(x -> ramps.computeIfAbsent(s.arn(), a -> new SessionHeadroom.Ramp(HEADROOM.window()))
                        .add(snap.takenAt(), x.activeSessions())).orElse(0.0);
                f.ifPresent(x -> figures.put(s.arn(), x.withHeadroom(ramp, HEADROOM)));
                boolean readable = c.error().isEmpty() && s.error().isEmpty();
                direct.flatMap(d -> d.pass(s, f, readable, ramp, now)).ifPresent(line -> say(s.key() + " " + line));
            }
        }
        if (metrics.isPresent() && !now.isBefore(nextMetricsAt) && !figures.isEmpty()) {
            nextMetricsAt = now.plus(METRICS_EVERY);
            SessionMetrics.Published p = metrics.get().publish(figures, now);
            stats.metricsPublished.addAndGet(p.metrics());
            stats.metricFailures.addAndGet(p.failures().size());
            p.failures().forEach(f -> say("session metrics: PutMetricData failed: " + f));
        }
        stats.passDone(now);
    }

    /** Returns whether this replica leads the service now. */
    private boolean guard(ServiceSnapshot s, boolean clusterRead, Instant now, Duration lag) {
        LeaseKeeper k = keepers.computeIfAbsent(s.arn(), a -> new LeaseKeeper(settings.id(), settings.host(), settings.leaseTtl()));
        LeaseKeeper.Step step = k.step(s.tags(), now, lag);
        step.write().ifPresent(lease -> {
            try {
                tags.tag(s.arn(), GuardLease.TAG, lease.tagValue());
                stats.leaseWrites.incrementAndGet();
            } catch (SdkException e) {
                k.writeFailed();
                say(s.key() + " lease: cannot write the " + GuardLease.TAG + " tag: " + e.getMessage());
            }
        });
        LeaseKeeper.Role before = roles.put(s.arn(), step.role());
        if (before != step.role()) say(s.key() + " " + roleWords(step, now));
        boolean self = ProtectionHolder.selfProtecting(s);
        boolean mayRelease = clusterRead && s.error().isEmpty();
        if (step.role() != LeaseKeeper.Role.LEAD) {
            idleSince.remove(s.arn());
            boolean leaderless = step.other().filter(o -> o.live(now)).isEmpty();
            List<String> protect = policy.protectWithoutLead(s, now, new GuardPolicy.View(
                    t -> ProtectionHolder.of(t, self, protection.grants(), now), self, mayRelease), leaderless);
            if (!protect.isEmpty()) {
                act(s, new GuardPolicy.Decision(protect, List.of(), Map.of()), self, mayRelease,
                        leaderless ? " (no guard leads yet: protecting only)" : " (standing by: a busy unprotected task)", null);
            }
            gauge(s, false, self, now);
            return false;
        }
        Map<String, Instant> idle = idleSince.computeIfAbsent(s.arn(), a -> new HashMap<>());
        GuardPolicy.View view = new GuardPolicy.View(t -> ProtectionHolder.of(t, self, protection.grants(), now), self, mayRelease);
        GuardPolicy.Decision d = policy.decide(s, idle, now, view);
        idle.clear();
        idle.putAll(d.idleSince());
        if (!d.nothing()) act(s, d, self, mayRelease, "", view);
        if (mayRelease && chosen.isPresent()) scaleIn(s, chosen.get(), now.minus(lag), view); // the reading's time
        gauge(s, true, self, now);
        return true;
    }

    /**
     * @param role "" when leading; else why a guard that does not lead protects (it then never releases).
     * @param view the leader's view of the service (null when it does not lead)
     */
    private void act(ServiceSnapshot s, GuardPolicy.Decision d, boolean self, boolean mayRelease, String role,
                     GuardPolicy.View view) {
        int minutes = (int) settings.policy().lease().toMinutes();
        List<String> failed = new ArrayList<>();
        List<String> room = List.of();
        int released = 0, protectedNow = 0;
        try {
            // Release first: fewer protected tasks lets the renewals through (DEPLOYMENT_BLOCKED otherwise).
            for (TaskProtectionGateway.Outcome o : protection.release(s.clusterName(), d.release(),
                    "guard service: idle task released for the scale-in or deployment ECS is waiting to do")) {
                if (o.ok()) released++;
                else failed.add(shortId(o.taskArn()) + " " + o.message());
            }
            // A renewal refused at ECS's protected-task limit is granted again where that is safe, as guard mode does.
            List<TaskProtectionGateway.Outcome> protections = protection.protect(s.clusterName(), d.protect(), minutes,
                    "guard service: tasks stay protected while they may get calls");
            // Regranting releases for a moment: the leader's to do, and only on a reading that says ECS waits to stop
            // nothing now (a failed read keeps the last one).
            if (role.isEmpty() && mayRelease) {
                protections = Renewal.regrantRefused(protection, s, protections, minutes, "guard service");
                // A busy task refused at the limit gets the slot of an idle task the guard holds.
                GuardRoom.Made made = GuardRoom.forBusy(policy, protection, s, protections, d.idleSince(), d.release(),
                        view, minutes, "guard service");
                protections = made.protections();
                room = made.released();
                released += room.size();
            }
            for (TaskProtectionGateway.Outcome o : protections) {
                if (!o.ok() || o.expiresAt().isEmpty()) {
                    failed.add(shortId(o.taskArn()) + " " + o.message());
                    stats.renewFailures.incrementAndGet();
                    continue;
                }
                protectedNow++;
                mark(o.taskArn(), o.expiresAt().get());
            }
        } catch (SdkException | IllegalStateException e) {
            failed.add(e.getMessage());
            stats.renewFailures.incrementAndGet();
        }
        stats.protections.addAndGet(protectedNow);
        stats.releases.addAndGet(released);
        say(s.key() + " protect " + d.protect().size() + ids(d.protect()) + " release " + d.release().size() + ids(d.release())
                + (room.isEmpty() ? "" : " release to make room for busy tasks " + room.size() + ids(room))
                + role + (self ? " (workers self-protect: backing up busy tasks only)" : "")
                + (mayRelease ? "" : " (last read failed: nothing released)")
                + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed)));
    }

    /**
     * ECS waits on protected tasks that LiveKit keeps busy: the leader chooses the surplus, cordons it and releases it
     * once idle, for ECS's waiting scale-in to stop ({@link ChosenScaleIns}; the guard stops nothing itself); only the
     * leader, so two replicas never choose different tasks. Only with {@code guard.chosenScaleIn: true}.
     */
    private void scaleIn(ServiceSnapshot s, ChosenScaleIns c, Instant takenAt, GuardPolicy.View view) {
        ChosenScaleIns.Pass p;
        try {
            p = c.pass(s, takenAt, "guard service", view.holder());
        } catch (SdkException | IllegalStateException | java.io.UncheckedIOException e) {
            say(s.key() + " scale-in of chosen tasks: " + e.getMessage());
            return;
        }
        stats.scaleInReleases.addAndGet(p.released().size());
        if (!worthALine(p, waiting.put(s.arn(), p.waiting().orElse("")))) return;
        say(s.key() + " scale-in of chosen tasks: cordon " + p.cordoned().size() + ids(p.cordoned()) + " release "
                + p.released().size() + ids(p.released()) + p.waiting().map(w -> "; waiting: " + w).orElse("")
                + (p.failed().isEmpty() ? "" : "; failed: " + String.join("; ", p.failed())));
    }

    /**
     * Whether a pass of the scale-in of chosen tasks gets a log line: when it did something, or its reason to wait is
     * new. A release that waits (the desired count came back up, say) may wait for hours: one line, not one a refresh.
     *
     * @param waitedBefore the last pass's reason to wait ("" or null for none)
     */
    static boolean worthALine(ChosenScaleIns.Pass p, String waitedBefore) {
        if (p.nothing()) return false;
        boolean acted = !p.cordoned().isEmpty() || !p.released().isEmpty() || !p.failed().isEmpty();
        return acted || !p.waiting().orElse("").equals(waitedBefore);
    }

    private void mark(String taskArn, Instant expiry) {
        try {
            tags.tag(taskArn, ProtectionMark.TAG, new ProtectionMark(ProtectionMark.GUARD, settings.id(), settings.host(), expiry)
                    .tagValue());
        } catch (SdkException e) {
            // The protection holds all the same; consoles show it as someone else's until the next grant is marked.
            stats.markFailures.incrementAndGet();
        }
    }

    private void gauge(ServiceSnapshot s, boolean leader, boolean self, Instant now) {
        int running = 0, prot = 0, calls = 0, exposed = 0;
        for (TaskSnapshot t : s.tasks()) {
            if (!"RUNNING".equals(t.lastStatus())) continue;
            running++;
            boolean on = t.protection().state() == Protection.State.ON;
            if (on) {
                prot++;
                if (t.calls().known()) calls += t.calls().count();
            } else if (t.calls().known() && t.calls().count() > 0) {
                exposed++;
            }
        }
        stats.service(s.key(), new GuardStats.ServiceGauge(leader, running, prot, calls, exposed));
    }

    private String roleWords(LeaseKeeper.Step step, Instant now) {
        return switch (step.role()) {
            case LEAD -> "lease: leading as " + settings.id() + " on " + settings.host();
            case TAKING -> "lease: taking the lease" + step.other().map(o -> " (was " + o.describe(now) + ")").orElse("");
            case STAND_BY -> "lease: standing by, " + step.other().map(o -> o.describe(now)).orElse("?") + " leads";
        };
    }

    /** Removes this replica's leases (shutdown): a standby takes over at once instead of after the TTL. */
    public void resign(FleetSnapshot last) {
        for (ServiceSnapshot s : guarded(last)) {
            LeaseKeeper k = keepers.get(s.arn());
            if (k == null || !k.leading()) continue;
            try {
                // The read may trail our last heartbeat (ECS's read-after-write lag): a lease older than it is still ours.
                if (k.mayResign(GuardLease.of(tags.tags(s.arn())))) {
                    tags.untag(s.arn(), GuardLease.TAG);
                    say(s.key() + " lease: resigned");
                } else {
                    say(s.key() + " lease: another replica holds it now; nothing to resign");
                }
            } catch (SdkException e) {
                say(s.key() + " lease: could not resign (" + e.getMessage() + "); it lapses by itself");
            }
        }
    }

    private void say(String line) {
        log.accept(clock.instant() + " " + line);
    }

    private static String ids(List<String> arns) {
        if (arns.isEmpty()) return "";
        List<String> ids = new ArrayList<>();
        for (String a : arns) ids.add(shortId(a));
        return " [" + String.join(" ", ids) + "]";
    }

    private static String shortId(String arn) {
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }
}

package io.drainboard.ui.rollout;

import io.drainboard.ui.common.OpenConsole;
import io.drainboard.ui.model.FirstCallWait;
import io.drainboard.aws.ServiceDeployGateway;
import io.drainboard.drain.TaskActivity;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.rollout.PreflightReader;
import io.drainboard.rollout.RolloutEngine;
import io.drainboard.rollout.RolloutJournal;
import io.drainboard.rollout.RolloutSettings;
import io.drainboard.rollout.RolloutStatus;
import io.drainboard.rollout.RolloutWiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One service's rollout inside an open console, off the FX thread: reads revisions, runs the preflight,
 * starts (or resumes from the journal) the engine and steps it on every fleet snapshot the console's
 * refresher reads. Outlives its window: closing the wizard leaves the rollout running.
 */
final class RolloutSession implements FleetListener {
    /** "New revision: a copy of the current one", the choice when no other revision exists. */
    static final String COPY = "copy";

    private final OpenConsole console;
    private final String cluster;
    private final String service;
    private final RolloutWiring wiring;
    private final Executor work;
    private volatile RolloutEngine engine;
    private volatile Consumer<RolloutStatus> onStatus = s -> { };
    private volatile Consumer<String> onError = e -> { };
    private volatile Consumer<RolloutStatus> onEnded = s -> { };
    private volatile Consumer<String> onHint = s -> { };
    private volatile boolean endNoted;

    RolloutSession(OpenConsole console, String cluster, String service, Executor work) {
        this.console = console;
        this.cluster = cluster;
        this.service = service;
        this.work = work;
        this.wiring = console.rolloutWiring(RolloutJournal.standard());
        console.refresher().addListener(this);
    }

    String serviceKey() {
        return cluster + "/" + service;
    }

    String serviceName() {
        return service;
    }

    boolean production() {
        return console.profile().production();
    }

    /** The operator's word for a rollout command, with its reason, in the console's audit log. */
    void audit(String action, String reason, String detail) {
        console.actions().audit().begin(action, List.of(serviceKey()), reason, java.util.Map.of("revision", detail))
                .complete("ok", List.of());
    }

    Executor work() {
        return work;
    }

    void onStatus(Consumer<RolloutStatus> c) {
        this.onStatus = c;
        RolloutEngine e = engine;
        if (e != null) c.accept(e.status());
    }

    void onError(Consumer<String> c) {
        this.onError = c;
    }

    /** Hears, after each step, why a long wait lasts and what the operator can do ("" when there is nothing to say). */
    void onHint(Consumer<String> c) {
        this.onHint = c;
    }

    /** Hears the outcome once, when the rollout ends. */
    void onEnded(Consumer<RolloutStatus> c) {
        this.onEnded = c;
    }

    Optional<RolloutEngine> engine() {
        return Optional.ofNullable(engine);
    }

    /** The service as the latest refresh shows it (reads once if the console has not refreshed yet). */
    ServiceSnapshot service() {
        FleetSnapshot s = console.refresher().latest().orElseGet(wiring::refresh);
        wiring.saw(s);
        return s.service(cluster, service).orElseThrow(() -> new IllegalStateException("no service " + service
                + " in cluster " + cluster + " in the latest refresh" + (s.errors().isEmpty() ? "" : ": " + s.errors())));
    }

    /** Revisions to offer, newest first, without the one running now; COPY when there is none. */
    List<String> revisions(ServiceSnapshot svc) {
        String current = svc.taskDefinitionArn();
        String family = current.substring(current.lastIndexOf('/') + 1, current.lastIndexOf(':'));
        List<String> out = new ArrayList<>();
        for (String arn : wiring.deploys(svc.arn()).revisions(family, 10)) if (!arn.equals(current)) out.add(arn);
        out.add(COPY);
        return out;
    }

    /** Preflight and plan for a target; changes nothing (COPY is planned, and registered only when the rollout starts). */
    PreflightReader.Report check(String target, int maxParallel, int spares) {
        ServiceSnapshot svc = service();
        if (COPY.equals(target)) return wiring.preflight().checkCopy(svc, settings(maxParallel, spares), console.clock().instant());
        return wiring.preflight().check(svc, target, settings(maxParallel, spares), console.clock().instant());
    }

    RolloutSettings settings(int maxParallel, int spares) {
        return wiring.settings(cluster, service, maxParallel).withSpares(spares);
    }

    /** Starts the rollout the report was made for; from then on it steps on every snapshot. */
    void start(PreflightReader.Report report, int maxParallel, int spares, String reason) {
        RolloutSettings s = settings(maxParallel, spares);
        ServiceSnapshot svc = service();
        ServiceDeployGateway.Revision target = report.copy()
                ? wiring.registerCopy(svc.taskDefinitionArn(), "rollout of a copy to replace every task: " + reason)
                : report.target();
        io.drainboard.rollout.RolloutSpec spec = PreflightReader.spec(svc, target, s);
        engine = RolloutEngine.start(spec, wiring.effects(spec), wiring.journal(), console.clock().instant());
        onStatus.accept(published(engine.status()));
    }

    /**
     * The console closed: this rollout steps no more here, so its engine lets go of the rollout's journal claim;
     * another console of this process (the same profile opened again) can then resume it from the journal.
     */
    @Override
    public void closed() {
        RolloutEngine e = engine;
        if (e != null) e.close();
    }

    /** An unfinished rollout of this service in this machine's journal. */
    Optional<String> unfinished() {
        return wiring.journal().unfinishedFor(serviceKey());
    }

    void resume(String id) {
        engine = RolloutEngine.resume(id, wiring.effects(wiring.journal().spec(id)), wiring.journal(),
                console.clock().instant());
        onStatus.accept(published(engine.status()));
    }

    @Override
    public void snapshot(FleetSnapshot snapshot) {
        RolloutEngine e = engine;
        if (e == null || e.ended()) return;
        wiring.saw(snapshot);
        work.execute(() -> {
            try {
                RolloutStatus st = published(e.step(snapshot));
                onStatus.accept(st);
                onHint.accept(st.ended() ? "" : snapshot.service(cluster, service).flatMap(svc -> FirstCallWait.hint(
                        st.waitingFor(), st.toLabel(), svc, snapshot.takenAt())).orElse(""));
                if (st.ended() && !endNoted) {
                    endNoted = true;
                    onEnded.accept(st);
                }
            } catch (RuntimeException ex) {
                // Nothing was acted on (the journal could not be written, say): the next refresh tries again.
                onError.accept("This refresh's rollout step failed: " + ex.getMessage() + "; trying again on the next one");
            }
        });
    }

    /**
     * Tells the console what this rollout is draining (its task table's Drain column shows it, and a safe drain
     * of those tasks is refused), and returns the status.
     */
    private RolloutStatus published(RolloutStatus st) {
        String owner = "rollout " + st.id();
        console.actions().activities().publish(TaskActivity.Source.ROLLOUT, owner, st.ended() ? List.of()
                : st.draining().stream().map(d -> TaskActivity.drain(TaskActivity.Source.ROLLOUT, owner, d)).toList());
        return st;
    }

    /** Runs an operator command off the FX thread and reports the status it leads to. */
    void command(Consumer<RolloutEngine> c) {
        RolloutEngine e = engine;
        if (e == null) return;
        work.execute(() -> {
            c.accept(e);
            onStatus.accept(published(e.status()));
        });
    }
}

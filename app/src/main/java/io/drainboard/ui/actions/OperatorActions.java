package io.drainboard.ui.actions;

import io.drainboard.ui.common.ConfirmDialog;
import io.drainboard.ui.common.OpenConsole;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.DrainPlan;
import io.drainboard.drain.DrainStatus;
import io.drainboard.drain.FleetActions;
import io.drainboard.drain.ScaleInStatus;
import io.drainboard.drain.ServiceGuard;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.history.History;
import io.drainboard.profile.Profile;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.command.Command;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.nav.Windows;
import io.drainboard.ui.tasks.TaskRow;
import javafx.stage.Window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the operator can do to the fleet from the window: protect, extend, release, safe drain,
 * force or cancel a drain, guard mode, a rollout, plus the audit log and the incident timeline. Every
 * mutating action asks through {@link ConfirmDialog} and runs on {@link ActionRunner}; the engine's
 * state (drains, guards) is read on the refresher's thread and only read back on the FX thread.
 */
public final class OperatorActions {
    static final String ACT = "Actions";
    static final String VIEW = "View";

    /** What the actions need from the window. */
    public interface Context {
        List<TaskRow> selected();

        Place place();

        Window window();

        void note(Activity.Level level, String text);

        /** A transient note while an action runs (not an Activity line); the returned action takes it down. */
        default Runnable progress(String text) {
            note(Activity.Level.INFO, text);
            return () -> { };
        }

        void refreshNow();

        /** Opens the timeline, the audit log and the rollout wizard. */
        Windows windows();
    }

    private final Context ctx;
    private final ActionRunner runner;
    private final ActionControls controls;
    private volatile OpenConsole console;
    private volatile Rails rails = Rails.CLOSED;
    private volatile Set<String> queued = Set.of();
    private volatile List<DrainStatus> drains = List.of();
    private volatile List<io.drainboard.drain.TaskActivity> activities = List.of();
    private volatile Map<String, ServiceGuard.Status> guards = Map.of();
    private volatile Map<String, ScaleInStatus> scaleIns = Map.of();
    private final OutcomeNotes outcomes = new OutcomeNotes();

    public OperatorActions(Context ctx) {
        this.ctx = ctx;
        this.runner = new ActionRunner(new ActionRunner.Notes() {
            @Override
            public void note(Activity.Level level, String text) {
                ctx.note(level, text);
            }

            @Override
            public Runnable progress(String text) {
                return ctx.progress(text);
            }
        }, this::afterAction);
        this.controls = new ActionControls(this);
    }

    /**
     * Binds to an open console; returns the listener that reads the engine's state on each snapshot, to
     * be added to the refresher before the view's bridge (so a refresh shows the drains as of itself).
     */
    public FleetListener connect(OpenConsole c) {
        console = c;
        rails = Rails.of(c.profile());
        controls.update();
        return new FleetListener() {
            @Override
            public void snapshot(FleetSnapshot s) {
                if (console != c) return; // switched profile: a refresh under way when the listener was removed
                FleetActions a = c.actions();
                drains = a.drains();
                activities = a.activities().drains();
                queued = Set.copyOf(a.queuedDrains());
                Map<String, ServiceGuard.Status> g = new HashMap<>();
                s.services().forEach(svc -> a.guardStatus(svc.clusterName(), svc.name()).ifPresent(st -> g.put(svc.key(), st)));
                guards = g;
                Map<String, ScaleInStatus> si = new HashMap<>();
                s.services().forEach(svc -> a.scaleInStatus(svc.clusterName(), svc.name()).ifPresent(st -> si.put(svc.key(), st)));
                scaleIns = si;
                // What each operation that ended observed, in the activity feed and a toast (FX thread).
                List<OutcomeNotes.Note> ended = new java.util.ArrayList<>(outcomes.drains(drains));
                ended.addAll(outcomes.scaleIns(si.values()));
                ended.addAll(outcomes.instanceDrains(s.clusters().stream().flatMap(cl -> cl.instances().stream())
                        .map(i -> c.capacity().drainStatus(i.arn())).flatMap(Optional::stream).toList()));
                if (!ended.isEmpty()) javafx.application.Platform.runLater(() -> ended.forEach(n -> ctx.note(n.level(), n.text())));
            }
        };
    }

    public void disconnect() {
        console = null;
        rails = Rails.CLOSED;
        drains = List.of();
        activities = List.of();
        guards = Map.of();
        controls.update();
    }

    public Rails rails() {
        return rails;
    }

    /** This console's drains as of the last refresh (FX thread: no lock taken). */
    public List<DrainStatus> drains() {
        return drains;
    }

    /** Every drain as of the last refresh, whoever runs it (the Drain column shows them all). */
    public List<io.drainboard.drain.TaskActivity> activities() {
        return activities;
    }

    /** The service's latest safe scale-in as of the last refresh, if it had one. */
    public Optional<ScaleInStatus> scaleIn(String serviceKey) {
        return Optional.ofNullable(scaleIns.get(serviceKey));
    }

    public Optional<ServiceGuard.Status> guard(String serviceKey) {
        return Optional.ofNullable(guards.get(serviceKey));
    }

    public boolean queued(String taskArn) {
        return queued.contains(taskArn);
    }

    public ActionControls controls() {
        return controls;
    }

    /** Called after each refresh: buttons follow the new state, the audit view the new entries. */
    public void refreshed() {
        controls.update();
        ctx.windows().refreshed();
    }

    // ------------------------------------------------------------------ commands (keys, palette, help)

    public List<Command> commands() {
        List<TaskRow> sel = ctx.selected();
        List<Command> c = new ArrayList<>();
        for (TaskAction a : TaskAction.values()) {
            Optional<String> why = a.whyNot(rails, sel);
            c.add(Command.of(ACT, a.title, a.key, () -> ask(a)).when(() -> a.whyNot(rails, ctx.selected()).isEmpty(),
                    why.orElse("")));
        }
        Optional<String> guardWhy = serviceWhyNot();
        c.add(Command.of(ACT, "Guard mode on / off for this service", "g", this::toggleGuard)
                .when(() -> serviceWhyNot().isEmpty(), guardWhy.orElse("")));
        c.add(Command.of(ACT, "Safe scale-in: remove the tasks idle soonest, drained first…", "s", this::askScaleIn)
                .when(() -> serviceWhyNot().isEmpty(), guardWhy.orElse("")));
        c.add(Command.of(ACT, "Roll out this service (guided, one task at a time)…", "l", this::openRollout)
                .when(() -> serviceWhyNot().isEmpty(), guardWhy.orElse("")));
        c.add(Command.of(VIEW, "Audit log", "a", this::openAudit).when(() -> console != null, "no profile open yet"));
        Optional<String> histWhy = timelineWhyNot();
        c.add(Command.of(VIEW, "Incident timeline of this service", "t", this::openTimeline)
                .when(() -> timelineWhyNot().isEmpty(), histWhy.orElse("")));
        return c;
    }

    // ------------------------------------------------------------------ task actions

    void ask(TaskAction a) {
        OpenConsole c = console;
        List<TaskRow> targets = a.targets(ctx.selected());
        if (c == null || a.whyNot(rails, ctx.selected()).isPresent()) {
            a.whyNot(rails, ctx.selected()).ifPresent(why -> ctx.note(Activity.Level.WARN, a.title + ": " + why));
            return;
        }
        Profile p = c.profile();
        List<String> services = targets.stream().map(r -> r.service).distinct().toList();
        Optional<String> typed = a.dangerous() ? rails.typeToConfirm(services) : Optional.empty();
        int lease = (int) p.guard().lease().toMinutes();
        String n = Formats.count(targets.size(), "task");
        ConfirmDialog.Request req = switch (a) {
            case PROTECT -> new ConfirmDialog.Request("Protect " + n + "?", "UpdateTaskProtection: ECS will not stop"
                    + " these tasks for a deployment or a scale-in until the protection expires or is released. Too many"
                    + " protected tasks hold a deployment back (DEPLOYMENT_BLOCKED).", lines(targets),
                    Optional.of(ConfirmDialog.Amount.expiryMinutes(lease)), typed, "Protect", false);
            case EXTEND -> new ConfirmDialog.Request("Extend the protection of " + n + "?", "Protection is set again"
                    + " from now: ECS resets the expiry to the minutes below.", lines(targets), Optional.of(ConfirmDialog.Amount.expiryMinutes(lease)), typed,
                    "Extend", false);
            case RELEASE -> new ConfirmDialog.Request("Release the protection of " + n + "?", "ECS may then stop these"
                    + " tasks at once for a pending scale-in or deployment. " + busy(targets), lines(targets),
                    Optional.empty(), typed, "Release", busy(targets).startsWith("Careful"));
            case DRAIN -> new ConfirmDialog.Request("Safe drain of " + n + "?", drainWords(p, targets), lines(targets),
                    Optional.empty(), typed, "Drain", false);
            case FORCE -> new ConfirmDialog.Request("Force the drain of " + n + "? This cuts their calls",
                    "StopTask is sent now: ECS SIGTERMs each task and SIGKILLs it after its stopTimeout, cutting every"
                            + " call still running then. " + busy(targets), lines(targets), Optional.empty(), typed,
                    "Force: cut the calls", true);
            case CANCEL -> new ConfirmDialog.Request("Cancel the drain of " + n + "?", "Nothing more is sent. The"
                    + " protection lease runs out by itself; a worker already cordoned stays cordoned until it exits.",
                    lines(targets), Optional.empty(), typed, "Cancel the drain", false);
        };
        ConfirmDialog.ask(ctx.window(), req, ok -> run(c.actions(), a, targets, ok));
    }

    private void run(FleetActions fa, TaskAction a, List<TaskRow> targets, ConfirmDialog.Confirmed ok) {
        Map<String, List<String>> byCluster = targets.stream().collect(Collectors.groupingBy(r -> r.cluster,
                LinkedHashMap::new, Collectors.mapping(r -> r.arn, Collectors.toList())));
        String n = Formats.count(targets.size(), "task");
        switch (a) {
            case PROTECT, EXTEND -> runner.run((a == TaskAction.PROTECT ? "Protecting " : "Extending the protection of ") + n,
                    () -> protection(a.title, byCluster, cl -> fa.protect(cl, byCluster.get(cl), ok.amount(), ok.reason())));
            case RELEASE -> runner.run("Releasing " + n,
                    () -> protection(a.title, byCluster, cl -> fa.release(cl, byCluster.get(cl), ok.reason())));
            case DRAIN -> runner.run("Starting the drain of " + n, () -> {
                List<String> started = new ArrayList<>();
                Map<String, Integer> budgets = new LinkedHashMap<>();
                for (TaskRow r : targets) {
                    DrainStatus s = fa.drain(r.cluster, r.service, r.arn, ok.reason());
                    started.add(r.shortId() + " " + s.method().key());
                    budgets.put(r.service, fa.drainBudget(r.cluster, r.service));
                }
                return new ActionRunner.Outcome(Activity.Level.GOOD, "Drain started: " + String.join(", ", started)
                        + " (at most " + budgets.entrySet().stream().map(e -> e.getValue() + " of " + e.getKey())
                        .collect(Collectors.joining(", ")) + " at once; the rest queue)");
            });
            case FORCE -> runner.run("Forcing the drain of " + n, () -> {
                targets.forEach(r -> fa.forceDrain(r.arn, ok.reason()));
                return new ActionRunner.Outcome(Activity.Level.WARN, "Drain forced for " + n
                        + ": StopTask goes out on the next refresh");
            });
            case CANCEL -> runner.run("Cancelling the drain of " + n, () -> {
                targets.forEach(r -> fa.cancelDrain(r.arn, ok.reason()));
                return new ActionRunner.Outcome(Activity.Level.INFO, "Drain cancelled for " + n
                        + "; its protection expires by itself");
            });
        }
    }

    private interface PerCluster {
        List<TaskProtectionGateway.Outcome> run(String cluster);
    }

    /** Protect / extend / release per cluster, with every per-task failure the engine reports. */
    private static ActionRunner.Outcome protection(String title, Map<String, List<String>> byCluster, PerCluster call) {
        List<TaskProtectionGateway.Outcome> all = new ArrayList<>();
        for (String cluster : byCluster.keySet()) all.addAll(call.run(cluster));
        List<String> failed = all.stream().filter(o -> !o.ok()).map(o -> shortId(o.taskArn()) + ": " + o.message()).toList();
        Optional<Instant> until = all.stream().filter(TaskProtectionGateway.Outcome::ok)
                .flatMap(o -> o.expiresAt().stream()).min(Instant::compareTo);
        long ok = all.size() - failed.size();
        String done = title + ": " + ok + " of " + all.size() + " done"
                + until.map(u -> ", protected until " + Formats.clock(u) + " UTC").orElse("");
        if (failed.isEmpty()) return new ActionRunner.Outcome(Activity.Level.GOOD, done);
        return new ActionRunner.Outcome(ok == 0 ? Activity.Level.DANGER : Activity.Level.WARN, done + "; failed: "
                + String.join("; ", failed) + ". Refresh and retry the failed tasks (a stopped task cannot be protected)");
    }

    private static List<String> lines(List<TaskRow> rows) {
        return rows.stream().map(r -> r.shortId() + "   " + r.cluster + " / " + r.service + "   "
                + (r.calls.get() == null || !r.calls.get().known() ? "calls unknown" : Formats.count(r.calls.get().count(), "call"))
                + "   protection " + r.snapshot().protection().state().name().toLowerCase()).toList();
    }

    private static String busy(List<TaskRow> rows) {
        int calls = rows.stream().mapToInt(r -> r.calls.get() == null ? 0 : r.calls.get().count()).sum();
        return calls == 0 ? "The selected tasks have no live calls." : "Careful: they carry " + Formats.count(calls, "live call") + ".";
    }

    private String drainWords(Profile p, List<TaskRow> targets) {
        StringBuilder b = new StringBuilder("Each task is protected, cordoned so it takes no new calls, left to finish"
                + " its calls, then stopped (or exits by itself once idle) and replaced by its service. Calls are not cut.");
        for (String svc : targets.stream().map(r -> r.cluster + "/" + r.service).distinct().toList()) {
            String[] cs = svc.split("/", 2);
            Profile.ServicePolicy sp = p.forService(cs[0], cs[1]);
            b.append("\n• ").append(cs[1]).append(": cordon ").append(sp.cordon().method().name().toLowerCase().replace('_', '-'))
                    .append(", deadline ").append(Formats.setting(sp.drain().deadline()))
                    .append(", at most ").append(sp.drain().budget()).append(" draining at once");
            OpenConsole c = console;
            c.refresher().latest().flatMap(f -> f.service(cs[0], cs[1]))
                    .flatMap(s -> io.drainboard.ui.model.CordonCheck.problem(sp.cordon().method(), s))
                    .ifPresent(why -> b.append("\n⚠ CANNOT CORDON ").append(cs[1]).append(": ").append(why));
        }
        DrainPlan.DeadlinePolicy policy = DrainPlan.defaults(io.drainboard.drain.CordonMethod.NONE).onDeadline();
        b.append("\nAt the deadline: ").append(policy == DrainPlan.DeadlinePolicy.ALERT_AND_EXTEND
                ? "an alarm is raised and the deadline extended; calls are never cut without a confirmed force."
                : "the drain is held until you force it (cuts the calls) or extend it.");
        b.append("\nBeyond a service's budget the drains queue.");
        return b.toString();
    }

    // ------------------------------------------------------------------ service actions

    /** The service the service-level actions apply to: the place, else the focused task's. */
    Optional<Place> service() {
        Place p = ctx.place();
        if (p.isService()) return Optional.of(p);
        List<TaskRow> sel = ctx.selected();
        return sel.isEmpty() ? Optional.empty() : Optional.of(Place.service(sel.get(0).cluster, sel.get(0).service, sel.get(0).arn));
    }

    Optional<String> serviceWhyNot() {
        Optional<String> refused = rails.refusal();
        if (refused.isPresent()) return refused;
        return service().isEmpty() ? Optional.of("select a service (or a task of it) first") : Optional.empty();
    }

    boolean guardOn(Place svc) {
        return guard(svc.cluster() + "/" + svc.service()).map(ServiceGuard.Status::enabled).orElse(false);
    }

    void toggleGuard() {
        OpenConsole c = console;
        Optional<Place> svc = service();
        if (c == null || svc.isEmpty() || serviceWhyNot().isPresent()) {
            serviceWhyNot().ifPresent(w -> ctx.note(Activity.Level.WARN, "Guard mode: " + w));
            return;
        }
        Place s = svc.get();
        boolean on = !guardOn(s);
        Profile.GuardSettings g = c.profile().guard();
        ConfirmDialog.Request req = new ConfirmDialog.Request("Guard mode " + (on ? "on" : "off") + " for " + s.service() + "?",
                on ? "On every refresh busy tasks are kept protected (lease " + Formats.setting(g.lease()) + ", renewed "
                        + Formats.setting(g.renewBefore()) + " before it runs out) and tasks idle for "
                        + Formats.setting(g.idleHysteresis()) + " are released, so ECS scale-in and deployments only stop idle tasks."
                        : "Nothing more is renewed; the leases granted so far simply expire. ECS may then stop busy tasks.",
                List.of(s.label()), Optional.empty(), Optional.empty(), on ? "Guard on" : "Guard off", !on);
        ConfirmDialog.ask(ctx.window(), req, ok -> runner.run("Guard mode " + (on ? "on" : "off") + " for " + s.service(), () -> {
            c.actions().guard(s.cluster(), s.service(), on, ok.reason());
            return new ActionRunner.Outcome(Activity.Level.GOOD, "Guard mode " + (on ? "on" : "off") + " for " + s.label()
                    + (on ? ": it acts on the next refresh" : ": leases expire by themselves"));
        }));
    }

    /**
     * Safe scale-in (docs/drain.md, Safe scale-in): the engine protects every task, lowers the desired count by N and drains the N
     * tasks predicted idle soonest, so ECS can only ever stop those, once idle.
     */
    void askScaleIn() {
        OpenConsole c = console;
        Optional<Place> svc = service();
        if (c == null || svc.isEmpty() || serviceWhyNot().isPresent()) {
            serviceWhyNot().ifPresent(w -> ctx.note(Activity.Level.WARN, "Safe scale-in: " + w));
            return;
        }
        Place s = svc.get();
        Optional<ServiceSnapshot> snap = c.refresher().latest().flatMap(f -> f.service(s.cluster(), s.service()));
        if (snap.isEmpty() || snap.get().desiredCount() < 2) {
            ctx.note(Activity.Level.WARN, "Safe scale-in: " + s.label() + (snap.isEmpty() ? " is not in the last refresh"
                    : " runs " + snap.get().desiredCount() + " task(s): nothing to remove without taking it to 0"));
            return;
        }
        int desired = snap.get().desiredCount();
        Profile.ServicePolicy p = c.profile().forService(s.cluster(), s.service());
        ConfirmDialog.Request req = new ConfirmDialog.Request("Safe scale-in of " + s.service() + "?",
                "Every task of the service is protected, the desired count is lowered by the number below, and that many"
                        + " tasks — those predicted idle soonest — are cordoned (" + p.cordon().method().name().toLowerCase()
                        .replace('_', '-') + ") and drained. ECS may stop only unprotected tasks, so it stops exactly those,"
                        + " once their calls have ended; then the others' protection is put back as it was, or left to guard mode when it"
                        + " guards the service (it is held off the service meanwhile). Calls are not cut.",
                List.of(s.label() + "   desired " + desired + " · running " + snap.get().runningCount()),
                Optional.of(new ConfirmDialog.Amount("Tasks to remove (desired " + desired + " → " + desired + " − N)", 1,
                        desired - 1, 1)),
                rails.typeToConfirm(List.of(s.service())), "Scale in safely", false);
        ConfirmDialog.ask(ctx.window(), req, ok -> runner.run("Safe scale-in of " + s.service() + " by " + ok.amount(), () -> {
            ScaleInStatus st = c.actions().scaleIn(s.cluster(), s.service(), ok.amount(), ok.reason());
            return new ActionRunner.Outcome(st.phase() == ScaleInStatus.Phase.STOPPED ? Activity.Level.WARN : Activity.Level.GOOD,
                    "Safe scale-in of " + s.label() + ": desired " + st.fromDesired() + " → " + st.targetDesired() + ", "
                            + Formats.count(st.drains().size(), "task") + " draining"
                            + (st.alarms().isEmpty() ? "" : " · " + String.join("; ", st.alarms())));
        }));
    }

    void openRollout() {
        OpenConsole c = console;
        Optional<Place> svc = service();
        if (c == null || svc.isEmpty() || serviceWhyNot().isPresent()) {
            serviceWhyNot().ifPresent(w -> ctx.note(Activity.Level.WARN, "Rollout: " + w));
            return;
        }
        ctx.windows().rollout(c, svc.get());
    }

    // ------------------------------------------------------------------ views

    /** Why the timeline cannot open: no profile, or history off (with the store's own reason). */
    Optional<String> timelineWhyNot() {
        OpenConsole c = console;
        if (c == null) return Optional.of("no profile open yet");
        History.Status s = c.history().status();
        return s.available() ? Optional.empty() : Optional.of("history is off: " + s.message());
    }

    /** History's state in a line, for where the timeline would be. */
    public String historyLine() {
        OpenConsole c = console;
        return c == null ? "" : c.history().status().message();
    }

    void openTimeline() {
        OpenConsole c = console;
        Optional<String> why = timelineWhyNot();
        if (c == null || why.isPresent()) {
            why.ifPresent(w -> ctx.note(Activity.Level.WARN, "Incident timeline: " + w));
            return;
        }
        ctx.windows().timeline(c, service().orElse(Place.FLEET));
    }

    void openAudit() {
        OpenConsole c = console;
        if (c != null) ctx.windows().audit(c);
    }

    private void afterAction() {
        ctx.refreshNow();
        controls.update();
        ctx.windows().refreshed();
    }

    private static String shortId(String arn) {
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }

    Context context() {
        return ctx;
    }
}

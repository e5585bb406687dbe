package io.drainboard.ui.details;

import io.drainboard.ui.model.Digest;
import io.drainboard.ui.model.Readiness;
import atlantafx.base.theme.Styles;
import io.drainboard.drain.CallSurvival;
import io.drainboard.drain.NativeDeployRisk;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.DeploymentConfig;
import io.drainboard.fleet.DeploymentSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.common.WrappedLabel;
import io.drainboard.ui.nav.Place;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The service pane: counts, deployments and rollout state, the clocks (stopTimeout against the worker's
 * drain window and call length), protection, the cordon method in force, recent stops and events, and
 * readiness warnings that say what to do. For a cluster or the fleet it lists every service's warnings,
 * worst first. Refreshes change label texts; nodes are rebuilt only when a section's content changed.
 */
public final class ServicePane {
    /** A warning and the service it belongs to. */
    private record Item(String service, Readiness.Warning warning) {
    }

    private final VBox box = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(box);
    private final Label title = new Label("Fleet");
    private final Label subtitle = new WrappedLabel();
    private final Facts facts = new Facts();
    private final VBox history = new VBox(2);
    private final VBox warnings = new VBox(6);
    private Function<ServiceSnapshot, CallSurvival> curve = svc -> null;
    private Function<ServiceSnapshot, Map<String, String>> extras = svc -> Map.of();
    private List<String> shownHistory = List.of();
    private List<Item> shownWarnings;
    private boolean shownNamed;
    /** The warnings the pane is showing, and how many of them its boxes already say (the rest: the next pulses). */
    private List<Item> toWord = List.of();
    private int worded;

    public ServicePane() {
        scroll.setId("servicePane");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("details-scroll");
        box.getStyleClass().add("details-pane");
        title.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
        title.setId("serviceTitle");
        subtitle.getStyleClass().add("pane-subtitle");
        warnings.setId("serviceWarnings");
        box.getChildren().addAll(title, subtitle, warnings, facts.grid, history);
    }

    /** The operator's service actions (guard mode, rollout, timeline, audit), under the title. */
    public void addActions(Node actions) {
        box.getChildren().add(2, actions);
    }

    /** The call-length curve of a service, for the live native-deploy risk figure (docs/drain.md, Risk model). */
    public void riskCurve(Function<ServiceSnapshot, CallSurvival> curve) {
        this.curve = curve;
    }

    /** More facts about one service from outside the snapshot (guard mode, drains, history), in order. */
    public void extras(Function<ServiceSnapshot, Map<String, String>> extras) {
        this.extras = extras;
    }

    public Node node() {
        return scroll;
    }

    /**
     * Changed warnings a pulse re-words at most. At fleet scope of 50,000 tasks most warning titles carry a number that
     * moves on every refresh, and the layout of the changed lines was the heaviest frame left (docs/benchmarks.md,
     * "UI: 50,000 live rows"); the rest follow in the next pulses, worst first.
     */
    public static final int WARNINGS_PER_PULSE = 8;

    /** Everything at once: the operator moved to another place. */
    public void show(Place place, Digest d, Function<ServiceSnapshot, Profile.ServicePolicy> policy) {
        showFacts(place, d, policy);
        wordWarnings(Integer.MAX_VALUE);
    }

    /**
     * One refresh over as many pulses as its changed warnings need ({@link io.drainboard.ui.common.PulseStages#untilDone}):
     * the facts and the first {@link #WARNINGS_PER_PULSE} changed warnings, then as many in each next step. The
     * place and the digest are read when the first step runs.
     */
    public java.util.function.BooleanSupplier showInSteps(java.util.function.Supplier<Place> place, java.util.function.Supplier<Digest> d,
                                                          Function<ServiceSnapshot, Profile.ServicePolicy> policy) {
        boolean[] started = {false};
        return () -> {
            if (!started[0]) {
                started[0] = true;
                showFacts(place.get(), d.get(), policy);
            }
            return wordWarnings(WARNINGS_PER_PULSE);
        };
    }

    private void showFacts(Place place, Digest d, Function<ServiceSnapshot, Profile.ServicePolicy> policy) {
        FleetSnapshot s = d.snapshot();
        Map<String, List<Readiness.Warning>> readiness = d.readiness();
        facts.begin();
        List<String> lines = new ArrayList<>();
        Optional<ServiceSnapshot> one = place.isService()
                ? s.services().filter(x -> place.contains(x.clusterName(), x.name(), x.arn())).findFirst() : Optional.empty();
        if (one.isPresent()) {
            service(one.get(), d, policy.apply(one.get()), lines);
            warningsOf(List.of(one.get()), readiness, false);
        } else {
            List<ServiceSnapshot> services = s.services()
                    .filter(x -> place.contains(x.clusterName(), x.name(), x.arn())).toList();
            title.setText(place.cluster() == null ? s.profile() + " · " + s.region() : place.cluster());
            long tasks = services.stream().mapToLong(x -> x.tasks().size()).sum();
            int calls = services.stream().mapToInt(d::calls).sum();
            subtitle.setText(Formats.count(services.size(), "service") + " · " + Formats.count(tasks, "task") + " · "
                    + (s.calls().ok() ? Formats.count(calls, "live call") : "calls unknown"));
            java.util.Map<String, Long> named = s.clusters().stream()
                    .collect(java.util.stream.Collectors.groupingBy(ClusterSnapshot::name, java.util.stream.Collectors.counting()));
            for (ClusterSnapshot c : s.clusters()) {
                if (!place.holdsCluster(c.name(), c.arn())) continue;
                // One name in several accounts or regions: each its own line, labelled with where it runs.
                facts.set(named.get(c.name()) > 1 ? c.name() + " · " + c.where() : c.name(), c.error().map(e -> "cannot read: " + e)
                        .orElse(Formats.count(c.services().size(), "service") + ", " + Formats.count(c.taskCount(), "task")));
            }
            warningsOf(services, readiness, true);
        }
        facts.end();
        if (!lines.equals(shownHistory)) {
            shownHistory = lines;
            history.getChildren().clear();
            for (String l : lines) history.getChildren().add(l.startsWith("#") ? sectionTitle(l.substring(1)) : line(l));
        }
    }

    private void service(ServiceSnapshot svc, Digest digest, Profile.ServicePolicy policy, List<String> lines) {
        FleetSnapshot s = digest.snapshot();
        Instant now = s.takenAt();
        title.setText(svc.name());
        subtitle.setText(svc.clusterName() + " · " + (svc.launchType() == null ? "capacity provider" : svc.launchType())
                + " · " + Readiness.shortTd(svc.taskDefinitionArn()) + ("ACTIVE".equals(svc.status()) ? "" : " · " + svc.status()));
        facts.set("Tasks", "desired " + svc.desiredCount() + " · running " + svc.runningCount() + " · pending " + svc.pendingCount());
        facts.set("Calls", callsLine(svc, s, digest.calls(svc)));
        facts.set("Protection", protectionLine(svc, now));
        facts.set("Always-on", alwaysOnLine(svc, now)).setId("alwaysOn");
        TaskSnapshot sample = svc.tasks().stream().filter(t -> t.taskDefinitionArn().equals(svc.taskDefinitionArn()))
                .findFirst().orElse(svc.tasks().isEmpty() ? null : svc.tasks().get(0));
        Optional<StopTimeout> st = svc.stopTimeout().or(() -> Optional.ofNullable(sample).map(TaskSnapshot::stopTimeout));
        CallSurvival c = curve.apply(svc);
        if (c != null && st.isPresent()) facts.set("Native deploy", nativeDeploy(new NativeDeployRisk(c).of(svc, now,
                st.get().seconds()), s.calls().ok())).setId("nativeDeployRisk");
        extras.apply(svc).forEach(facts::set);
        facts.set("stopTimeout", st.map(x -> x.seconds() + " s (" + x.basis() + ")").orElse("unknown: task definition not read")
                + " · the worker drains up to " + Formats.setting(Readiness.WORKER_DRAIN_DEFAULT) + " after SIGTERM (LiveKit default)");
        Profile.CallPrior prior = policy.callLength();
        if ("EC2".equals(svc.launchType())) {
            java.util.Set<String> named = new java.util.HashSet<>(); // fact names must be unique in the grid
            io.drainboard.ui.model.ServiceClocks.of(svc, s, policy).stream().filter(k -> named.add(k.name()))
                    .forEach(k -> facts.set("Clock: " + k.name(), k.text()));
        }
        facts.set("Call length", "median " + Formats.setting(prior.median()) + " · p99 " + Formats.setting(prior.p99())
                + " (" + policy.origin() + ")");
        DeploymentConfig dc = svc.deploymentConfig();
        facts.set("Rollout", "min " + dc.minimumHealthyPercent() + " % · max " + dc.maximumPercent() + " % · circuit breaker "
                + (dc.circuitBreaker() ? "on" + (dc.rollbackOnFailure() ? " (rolls back)" : "") : "off")
                + (svc.loadBalanced() ? " · behind a load balancer" : ""));
        facts.set("Cordon", policy.cordon().describe() + " ECS Exec is " + (svc.enableExecuteCommand() ? "enabled." : "disabled."));
        svc.error().ifPresent(e -> facts.set("Read problem", e));
        if (!svc.deployments().isEmpty()) lines.add("#Deployments");
        for (DeploymentSnapshot d : svc.deployments()) lines.add(deployment(d, now));
        if (!svc.recentlyStopped().isEmpty()) lines.add("#Recently stopped");
        svc.recentlyStopped().stream().limit(5).forEach(t -> lines.add(stoppedLine(t)));
        if (!svc.events().isEmpty()) lines.add("#Service events");
        svc.events().stream().limit(5).forEach(e -> lines.add(Formats.clock(e.createdAt()) + "  " + e.message()));
    }

    private static String callsLine(ServiceSnapshot svc, FleetSnapshot s, int calls) {
        if (!s.calls().ok()) return "unknown: " + s.calls().error().orElse("");
        int busiest = svc.tasks().stream().mapToInt(t -> t.calls().count()).max().orElse(0);
        Optional<Instant> oldest = svc.tasks().stream().flatMap(t -> t.calls().oldestStart().stream())
                .min(Comparator.naturalOrder());
        return Formats.count(calls, "live call") + oldest.map(o -> " · oldest " + Formats.age(o, s.takenAt())).orElse("")
                + " · busiest task " + busiest + " · source " + s.calls().source();
    }

    /** "a native deploy now would cut ≈ 3 calls": ECS SIGTERMs every task and SIGKILLs it after stopTimeout. */
    private static String nativeDeploy(NativeDeployRisk.Estimate e, boolean callsKnown) {
        if (!callsKnown) return "unknown: calls are unknown (unknown is not zero)";
        return "a native deploy now would cut ≈ " + e.rounded() + (e.rounded() == 1 ? " call" : " calls")
                + " (" + Formats.count(e.busyTasks(), "busy task") + ", SIGKILL " + e.stopTimeoutSeconds() + " s after SIGTERM"
                + (e.unknownTasks() > 0 ? "; " + Formats.count(e.unknownTasks(), "task") + " with calls unknown not counted" : "")
                + ")";
    }

    private static String protectionLine(ServiceSnapshot svc, Instant now) {
        long on = svc.tasks().stream().filter(t -> t.protection().state() == Protection.State.ON).count();
        long unknown = svc.tasks().stream().filter(t -> t.protection().state() == Protection.State.UNKNOWN).count();
        Optional<Instant> next = svc.tasks().stream().flatMap(t -> t.protection().expiresAt().stream())
                .filter(e -> e.isAfter(now)).min(Comparator.naturalOrder());
        return on + " of " + svc.tasks().size() + " protected"
                + next.map(e -> " · next expiry in " + Formats.span(Duration.between(now, e))).orElse("")
                + (unknown > 0 ? " · " + unknown + " unknown" : "");
    }

    /**
     * What keeps busy tasks protected when no console is open (docs/guard-service.md): self-protecting workers (the
     * service's tag) and the guard service leading it (its lease tag: leader, host, last heartbeat, its reading's lag).
     */
    static String alwaysOnLine(ServiceSnapshot svc, Instant now) {
        boolean self = io.drainboard.drain.ProtectionHolder.selfProtecting(svc);
        Optional<io.drainboard.drain.GuardLease> lease = io.drainboard.drain.GuardLease.of(svc.tags());
        String guard = lease.map(l -> (l.live(now) ? "guard service " : "guard service gone: ") + l.describe(now))
                .orElse("no guard service");
        return (self ? "workers self-protect" : "workers do not self-protect") + " · " + guard;
    }

    private static String deployment(DeploymentSnapshot d, Instant now) {
        return d.status() + "  " + Readiness.shortTd(d.taskDefinitionArn()) + "  " + d.runningCount() + "/" + d.desiredCount()
                + " running, " + d.pendingCount() + " pending" + (d.rolloutState() == null ? "" : " · " + d.rolloutState())
                + (d.failedTasks() > 0 ? " · " + d.failedTasks() + " failed" : "")
                + (d.createdAt() == null ? "" : " · since " + Formats.age(d.createdAt(), now))
                + d.rolloutStateReason().map(r -> " · " + r).orElse("");
    }

    private static String stoppedLine(TaskSnapshot t) {
        String exits = t.containers().stream().filter(c -> c.exitCode().isPresent())
                .map(c -> "exit " + c.exitCode().get() + (c.exitCode().get() == 137 ? " (SIGKILL)" : ""))
                .reduce((a, b) -> a + ", " + b).orElse("");
        return t.stoppedAt().map(Formats::clock).orElse("?") + "  " + (t.id().length() > 12 ? t.id().substring(0, 12) : t.id())
                + "  " + t.stopCode().orElse("") + (exits.isEmpty() ? "" : "  " + exits) + t.stoppedReason().map(r -> "  " + r).orElse("");
    }

    private void warningsOf(List<ServiceSnapshot> services, Map<String, List<Readiness.Warning>> readiness, boolean named) {
        List<Item> items = services.stream()
                .flatMap(svc -> readiness.getOrDefault(svc.arn(), List.of()).stream().map(w -> new Item(svc.name(), w)))
                .filter(i -> !named || i.warning().level() != Readiness.Level.INFO)
                .sorted(Comparator.comparing((Item i) -> i.warning().level()).reversed()).toList();
        if (items.equals(shownWarnings) && named == shownNamed) return;
        shownWarnings = items;
        shownNamed = named;
        toWord = List.of();
        worded = 0;
        if (items.isEmpty()) {
            warnings.getChildren().setAll(Facts.muted(named ? "No warnings: no service looks at risk of cutting calls."
                    : "Ready: nothing here is at risk of cutting calls."));
            return;
        }
        // The boxes on screen are kept and re-worded (a box changes its level in place); only the count changes.
        // A refresh that moved a number, or added a warning in the middle, used to rebuild every box and lay out
        // all of them afresh (docs/benchmarks.md, "UI: 50,000 live rows").
        List<Node> boxes = warnings.getChildren();
        if (!boxes.isEmpty() && !(boxes.get(0) instanceof WarningBox)) boxes.clear();
        if (boxes.size() > items.size()) boxes.subList(items.size(), boxes.size()).clear();
        toWord = items;
        worded = 0;
    }

    /** Re-words boxes, in order, until {@code max} of them changed; whether some are left to re-word. */
    private boolean wordWarnings(int max) {
        List<Node> boxes = warnings.getChildren();
        int changed = 0;
        while (worded < toWord.size() && changed < max) {
            if (worded == boxes.size()) boxes.add(new WarningBox());
            Item it = toWord.get(worded);
            if (((WarningBox) boxes.get(worded)).show(it.warning().level(),
                    (shownNamed ? it.service() + ": " : "") + it.warning().title(), it.warning().advice())) changed++;
            worded++;
        }
        return worded < toWord.size();
    }

    private static Label line(String text) {
        Label l = new WrappedLabel(text);
        l.getStyleClass().add("event-line");
        return l;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}

package io.drainboard.ui;

import io.drainboard.ui.common.Theme;
import io.drainboard.Console;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.nav.Place;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static io.drainboard.ui.TaskTableBench.fx;
import static io.drainboard.ui.TaskTableBench.waitFor;

/**
 * Puts the real window through the views the README shows and photographs each one with ImageMagick's
 * {@code import} (run under Xvfb by docs/screenshots.sh). The demo fleet runs at 6× so the calls chart
 * has some history; the tour protects a few tasks and stops a busy one through the real ECS API, so the
 * protection and SIGKILL clocks are on screen.
 */
public final class ScreenshotTour {
    private final Path out;
    private final Robot robot;
    private final Stage stage;

    private ScreenshotTour(Path out, Robot robot, Stage stage) {
        this.out = out;
        this.robot = robot;
        this.stage = stage;
    }

    public static void main(String[] args) throws Exception {
        io.drainboard.BenchData.isolate();
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        long warm = args.length > 1 ? Long.parseLong(args[1]) : 60;
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        Stage stage = fx(() -> {
            Theme.apply(Theme.Mode.DARK);
            Stage s = new Stage();
            s.setX(0);
            s.setY(0);
            return s;
        });
        ScreenshotTour tour = new ScreenshotTour(out, fx(Robot::new), stage);
        int status = 1;
        try {
            if (args.length > 2 && args[2].equals("instances")) {
                tour.instances(warm);
            } else if (args.length > 2 && args[2].equals("guard")) {
                tour.guard(warm);
            } else if (args.length > 2 && args[2].equals("scaling")) {
                tour.scaling(warm);
            } else if (args.length > 2 && args[2].equals("demo")) {
                tour.demo(warm);
            } else {
                tour.demo(warm);
                tour.incident();
                tour.instances(Math.min(warm, 20));
                tour.guard(Math.min(warm, 30));
                tour.scaling(Math.min(warm, 20));
            }
            status = 0;
        } catch (Throwable t) {
            t.printStackTrace(); // System.exit below would swallow it
        } finally {
            Platform.exit();
            System.exit(status); // the FX thread would keep the JVM alive after a failure
        }
    }

    private void demo(long warmSeconds) throws Exception {
        Profile p = ProfileLoader.load(DemoFleet.PROFILE);
        Simulator sim = Simulator.start(new Simulator.Options("demo", 0, false, 6.0));
        Console c = Console.onSimulator(p, sim);
        ConsoleWindow w = fx(() -> ConsoleWindow.attach(stage, c, url -> { }, true));
        ConsoleView v = w.view();
        waitFor(90, () -> v.latest() != null && v.table.view().getItems().size() >= 29); // every stage of the first refresh shown
        EcsClient ecs = c.aws().get(0).ecs();
        List<TaskSnapshot> support = tasks(v, "support-agent", "voice-prod");
        ecs.updateTaskProtection(r -> r.cluster("voice-prod").protectionEnabled(true).expiresInMinutes(90)
                .tasks(support.subList(0, 4).stream().map(TaskSnapshot::arn).toList()));
        ecs.updateTaskProtection(r -> r.cluster("voice-prod").protectionEnabled(true).expiresInMinutes(8)
                .tasks(List.of(support.get(4).arn())));
        Thread.sleep(warmSeconds * 1000);
        TaskSnapshot busiest = tasks(v, "support-agent", "voice-prod").stream().skip(5)
                .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
        ecs.stopTask(r -> r.cluster("voice-prod").task(busiest.arn()).reason("Drainboard screenshot tour"));
        Thread.sleep(7000);

        fx(() -> {
            v.tree.go(Place.FLEET);
            v.table.sortBy("col-kill");
            v.table.select(busiest.arn());
            return null;
        });
        shoot("screenshot-fleet.png");

        fx(() -> {
            v.tree.go(Place.service("voice-prod", "support-agent"));
            v.table.sortBy("col-calls");
            v.table.sortBy("col-calls");
            v.table.select(busiest.arn());
            return null;
        });
        // The place once showed "all clusters" again in this shot (seen once, not explained): go again if it did.
        waitFor(30, () -> {
            if (v.tree.place().get().isService()) return true;
            System.out.println("tour: the place is " + v.tree.place().get() + ", going to the service again");
            v.tree.go(Place.service("voice-prod", "support-agent"));
            v.table.select(busiest.arn());
            return false;
        });
        shoot("screenshot-service.png");

        fx(() -> {
            v.tree.go(Place.FLEET);
            return null;
        });
        keys(KeyCode.SLASH);
        type("calls:>2 prot:off");
        keys(KeyCode.ENTER);
        shoot("screenshot-filter.png");
        fx(() -> {
            v.header.filterField().clear();
            return null;
        });

        press(KeyCode.CONTROL, KeyCode.K);
        type("sales");
        shoot("screenshot-palette.png");
        keys(KeyCode.ESCAPE);

        fx(() -> {
            v.help.toggle();
            return null;
        });
        shoot("screenshot-help.png");
        keys(KeyCode.ESCAPE);

        press(KeyCode.CONTROL, KeyCode.T);
        shoot("screenshot-light.png");
        press(KeyCode.CONTROL, KeyCode.T);

        // Safe drain of a busy task with the key d: the confirmation dialog, then the audit log (key a).
        TaskSnapshot busy = tasks(v, "support-agent", "voice-prod").stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
        fx(() -> {
            v.tree.go(Place.service("voice-prod", "support-agent"));
            v.table.select(busy.arn());
            v.focusTable();
            return null;
        });
        keys(KeyCode.D);
        type("chg kernel patch");
        shoot("screenshot-confirm.png");
        keys(KeyCode.ENTER);
        Thread.sleep(8000); // the drain protects and cordons the task over the next refreshes
        fx(() -> {
            v.focusTable();
            return null;
        });
        keys(KeyCode.A);
        shoot("screenshot-audit.png");
        fx(() -> {
            new java.util.ArrayList<>(javafx.stage.Window.getWindows()).stream().filter(x -> x != stage)
                    .forEach(javafx.stage.Window::hide);
            w.close();
            return null;
        });
        c.close();
    }

    /**
     * Who holds each task's protection and what guards each service when no console is open: a guard service (run in
     * this JVM on the console's refreshes) leads voice-prod/support-agent, sales-agent's workers protect themselves
     * (the docs' snippet, and the service's drainboard:self-protect tag), this console protects one outbound-dialer
     * task and someone else (a plain UpdateTaskProtection) another; outbound-dialer has busy unprotected tasks and
     * nothing always-on, so its pane warns. Two shots: the holders across the cluster, and the guarded service's pane.
     */
    private void guard(long warmSeconds) throws Exception {
        Profile p = ProfileLoader.load(DemoFleet.PROFILE);
        Simulator sim = Simulator.start(new Simulator.Options("demo", 0, false, 6.0));
        sim.model().read(m -> {
            var sales = m.cluster("voice-prod").orElseThrow().services().get("sales-agent");
            m.selfProtect(sales, io.drainboard.sim.model.SelfProtection.Settings.DEFAULT);
            m.tagResource(sales.arn(), java.util.Map.of("drainboard:self-protect", "true"));
            return null;
        });
        Console c = Console.onSimulator(p, sim);
        io.drainboard.guard.GuardService guard = io.drainboard.guard.GuardServiceAccess.of(c,
                Path.of("app", "target", "screenshot-data", "guard"), "guard-7f3a", "ip-10-0-1-5",
                java.util.Set.of("voice-prod/support-agent"));
        c.refresher().addListener(guard::pass);
        ConsoleWindow w = fx(() -> ConsoleWindow.attach(stage, c, url -> { }, true));
        ConsoleView v = w.view();
        waitFor(90, () -> v.latest() != null && v.table.view().getItems().size() >= 29);
        List<TaskSnapshot> dialer = tasks(v, "outbound-dialer", "voice-prod").stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).toList();
        c.actions().protect("voice-prod", List.of(dialer.get(0).arn()), 60, "screenshot tour: an operator's protection");
        c.aws().get(0).ecs().updateTaskProtection(r -> r.cluster("voice-prod").protectionEnabled(true).expiresInMinutes(45)
                .tasks(dialer.get(1).arn()));
        Thread.sleep(warmSeconds * 1000);
        TaskSnapshot guarded = tasks(v, "support-agent", "voice-prod").stream()
                .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
        fx(() -> {
            v.tree.go(Place.cluster("voice-prod"));
            v.table.sortBy("col-holder");
            v.table.select(guarded.arn());
            return null;
        });
        shoot("screenshot-guard.png");
        // The guarded service's pane: its Always-on line names the guard service's leader, host, heartbeat and lag.
        fx(() -> {
            v.tree.go(Place.service("voice-prod", "support-agent"));
            v.table.select(guarded.arn());
            // Ten rows fit in less: give the panes below the table the room for the service's Always-on line.
            stage.getScene().getRoot().lookupAll(".split-pane").stream().map(n -> (javafx.scene.control.SplitPane) n)
                    .filter(sp -> sp.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                    .max(Comparator.comparingDouble(sp -> sp.getWidth())).ifPresent(sp -> sp.setDividerPositions(0.4));
            return null;
        });
        Thread.sleep(1500);
        shoot("screenshot-guard-service.png");
        fx(() -> {
            w.close();
            return null;
        });
        c.close();
    }

    /**
     * The instances view of voice-prod: a termination hook on its group, one busy instance protected through
     * the console's audited action, the EC2 clocks under the table.
     */
    private void instances(long warmSeconds) throws Exception {
        Profile p = ProfileLoader.load(DemoFleet.PROFILE);
        Simulator sim = Simulator.start(new Simulator.Options("demo", 0, false, 6.0));
        sim.autoScalingGroups().putLifecycleHook("voice-prod-asg", new io.drainboard.sim.ec2autoscaling.LifecycleHook(
                "ecs-drain", io.drainboard.sim.ec2autoscaling.LifecycleHook.TERMINATING, java.time.Duration.ofMinutes(15),
                "CONTINUE"));
        Console c = Console.onSimulator(p, sim);
        ConsoleWindow w = fx(() -> ConsoleWindow.attach(stage, c, url -> { }, true));
        ConsoleView v = w.view();
        waitFor(90, () -> v.latest() != null && v.table.view().getItems().size() >= 29); // every stage of the first refresh shown
        Thread.sleep(warmSeconds * 1000);
        FleetSnapshot s = fx(v::latest);
        var busiest = s.clusters().stream().filter(x -> x.name().equals("voice-prod")).findFirst().orElseThrow().instances()
                .stream().max(Comparator.comparingInt(io.drainboard.fleet.InstanceSnapshot::calls)).orElseThrow();
        c.capacity().setProtection(busiest, true, "screenshot tour");
        fx(() -> {
            v.tree.go(Place.cluster("voice-prod"));
            v.toggleInstances();
            return null;
        });
        Thread.sleep(4000);
        fx(() -> {
            v.instances.select(busiest.arn());
            return null;
        });
        shoot("screenshot-instances.png");
        fx(() -> {
            w.close();
            return null;
        });
        c.close();
    }

    /**
     * Scaling: support-agent scaled on CPU with a 60 s scale-in and a minimum of one (set through the real Application
     * Auto Scaling API), its readiness findings (opened with the m key), then the lab comparing the current policy, the
     * recommended one (the direct count) and the one recommended before it (headroom) on a crisis surge.
     */
    private void scaling(long warmSeconds) throws Exception {
        Profile p = ProfileLoader.load(DemoFleet.PROFILE);
        Simulator sim = Simulator.start(new Simulator.Options("demo", 0, false, 6.0));
        Console c = Console.onSimulator(p, sim);
        ConsoleWindow w = fx(() -> ConsoleWindow.attach(stage, c, url -> { }, true));
        ConsoleView v = w.view();
        waitFor(90, () -> v.latest() != null && v.table.view().getItems().size() >= 29);
        // After the first refresh, so the fleet is the demo's; a CPU policy has not scaled in within the warm-up.
        try (var aas = io.drainboard.SimClients.appAutoScaling(sim)) {
            String id = "service/voice-prod/support-agent";
            var dim = software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension.ECS_SERVICE_DESIRED_COUNT;
            var ns = software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace.ECS;
            aas.registerScalableTarget(b -> b.serviceNamespace(ns).resourceId(id).scalableDimension(dim).minCapacity(1).maxCapacity(12));
            // CPU alone: the simulator's own worker-load policy goes, so the first card is the one whose fix is the
            // recommended setup (direct scaling and the backstop).
            aas.deleteScalingPolicy(b -> b.serviceNamespace(ns).resourceId(id).scalableDimension(dim)
                    .policyName(io.drainboard.sim.autoscaling.ScalingDefaults.POLICY_NAME));
            aas.putScalingPolicy(b -> b.serviceNamespace(ns).resourceId(id).scalableDimension(dim).policyName("cpu-70")
                    .policyType(software.amazon.awssdk.services.applicationautoscaling.model.PolicyType.TARGET_TRACKING_SCALING)
                    .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(70.0).scaleInCooldown(60).scaleOutCooldown(60)
                            .predefinedMetricSpecification(m -> m.predefinedMetricType("ECSServiceAverageCPUUtilization"))));
        }
        Thread.sleep(warmSeconds * 1000);
        fx(() -> {
            v.tree.go(Place.service("voice-prod", "support-agent"));
            return null;
        });
        Thread.sleep(1000);
        keys(KeyCode.M);
        waitFor(120, () -> v.scaling.readinessWindow().isPresent() && ((javafx.scene.control.Label) v.scaling
                .readinessWindow().get().getScene().lookup("#readinessStatus")).getText().contains("problem"));
        fx(() -> {
            Stage r = v.scaling.readinessWindow().get();
            r.setX(300);
            r.setY(40);
            r.setHeight(840);
            return null;
        });
        shoot("screenshot-readiness.png");
        fx(() -> {
            ((javafx.scene.control.Button) v.scaling.readinessWindow().get().getScene().lookup("#readinessLab")).fire();
            return null;
        });
        waitFor(30, () -> v.scaling.labWindow().isPresent());
        fx(() -> {
            Stage l = v.scaling.labWindow().get();
            l.setX(0);
            l.setY(0);
            l.setWidth(1440);
            l.setHeight(900);
            var scene = l.getScene();
            // The previous recommendation (target tracking on the headroom load) beside the direct count.
            ((javafx.scene.control.TextField) scene.lookup("#labVariant")).setText("headroom");
            ((javafx.scene.control.Button) scene.lookup("#labRun")).fire();
            return null;
        });
        waitFor(900, () -> ((javafx.scene.control.TableView<?>) v.scaling.labWindow().get().getScene()
                .lookup("#labTable")).getItems().size() == 3);
        Thread.sleep(10_000); // the charts' first layout and drawing, slow with the software pipeline on a busy machine
        shoot("screenshot-lab.png");
        fx(() -> {
            w.close();
            return null;
        });
        c.close();
    }

    /** The incident scenario: a native deploy an hour ago SIGKILLed calls; read-only profile. */
    private void incident() throws Exception {
        Path yaml = Files.createTempFile("incident", ".yaml");
        Files.writeString(yaml, """
                name: incident
                description: The support-agent deploy that cut calls (simulated)
                region: us-east-1
                simulator: {scenario: incident, speed: 1.0}
                calls: {source: livekit}
                refresh: 3s
                readOnly: true
                production: true
                """);
        Profile p = ProfileLoader.load(yaml);
        Console c = Console.open(p).backfillHistory();
        ConsoleWindow w = fx(() -> ConsoleWindow.attach(stage, c, url -> { }, true));
        ConsoleView v = w.view();
        waitFor(90, () -> !v.table.view().getItems().isEmpty());
        Thread.sleep(4000);
        fx(() -> {
            v.tree.go(Place.service("voice-prod", "support-agent"));
            v.table.moveSelection(0);
            return null;
        });
        shoot("screenshot-incident.png");
        fx(() -> {
            w.close();
            return null;
        });
        c.close();
        Files.deleteIfExists(yaml);
    }

    private static List<TaskSnapshot> tasks(ConsoleView v, String service, String cluster) throws Exception {
        FleetSnapshot s = fx(v::latest);
        return s.service(cluster, service).orElseThrow().tasks();
    }

    private void shoot(String name) throws Exception {
        Thread.sleep(1500); // a second tick and a pulse, so clocks and layout have settled
        Process p = new ProcessBuilder("/usr/bin/import", "-window", "root", out.resolve(name).toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("import failed for " + name);
        System.out.println("wrote " + out.resolve(name));
    }

    private void keys(KeyCode k) throws Exception {
        fx(() -> {
            robot.keyType(k);
            return null;
        });
        Thread.sleep(300);
    }

    private void press(KeyCode modifier, KeyCode k) throws Exception {
        fx(() -> {
            robot.keyPress(modifier);
            robot.keyType(k);
            robot.keyRelease(modifier);
            return null;
        });
        Thread.sleep(300);
    }

    private void type(String text) throws Exception {
        for (char ch : text.toCharArray()) {
            fx(() -> {
                if (ch == ':' || ch == '>') {
                    robot.keyPress(KeyCode.SHIFT);
                    robot.keyType(ch == ':' ? KeyCode.SEMICOLON : KeyCode.PERIOD);
                    robot.keyRelease(KeyCode.SHIFT);
                } else {
                    robot.keyType(ch == ' ' ? KeyCode.SPACE : KeyCode.getKeyCode(String.valueOf(ch).toUpperCase()));
                }
                return null;
            });
        }
        Thread.sleep(300);
    }
}

package io.drainboard.ui;

import io.drainboard.Console;
import io.drainboard.profile.StartupProbe;
import io.drainboard.ui.nav.FleetTree;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window as the app opens it: a profile file, opened in the background, refreshing on its own. */
class ConsoleWindowTest extends OwnFleetWindowTest {

    @Test
    void theDemoProfileOpensWithProgressAndShowsEveryClusterServiceAndTask(FxRobot robot) throws Exception {
        boolean[] busyWhileOpening = new boolean[1];
        robot.interact(() -> {
            window = ConsoleWindow.open(stage, DemoFleet.PROFILE, Console::open, url -> { });
            // Read in the same FX turn: the first snapshot may be applied as soon as this turn ends.
            busyWhileOpening[0] = stage.getScene().lookup("#statusBusy").isVisible();
        });
        WindowDriver ui = new WindowDriver(robot, window);
        assertTrue(busyWhileOpening[0], "opening shows progress");
        // Opening starts the simulator and reads everything once; the refresh is shown over a few pulses.
        ui.await(60, () -> window.view().latest() != null);
        ui.await(() -> ui.rows().size() == 29 && robot.lookup("#statusRefresh").queryAs(Label.class).getText().startsWith("refreshed "));
        assertEquals(29, ui.rows().size());
        TreeItem<FleetTree.Nav> demo = ui.tree().getRoot().getChildren().get(0);
        assertEquals("demo", demo.getValue().label.get());
        assertEquals(List.of("voice-prod", "voice-staging"), demo.getChildren().stream().map(c -> c.getValue().label.get()).toList());
        assertEquals(List.of("outbound-dialer", "sales-agent", "support-agent"),
                demo.getChildren().get(0).getChildren().stream().map(c -> c.getValue().label.get()).toList());
        assertTrue(ui.tree().getRoot().getChildren().stream().anyMatch(i -> i.getValue().opensProfile()),
                "the other profiles next to it are offered");
        assertEquals("demo", robot.lookup("#statusProfile").queryAs(Label.class).getText());
        assertEquals("us-east-1", robot.lookup("#statusRegion").queryAs(Label.class).getText());
        assertEquals("SIMULATOR", robot.lookup("#statusMode").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#statusRefresh").queryAs(Label.class).getText().startsWith("refreshed "));
        assertTrue(window.view().activity.items().stream().anyMatch(a -> a.text().startsWith("Connected to demo")));
    }

    @Test
    void theStartupProbeMarksTheFirstFrameAndTheFirstFleetOnScreen(FxRobot robot, @TempDir Path dir) throws Exception {
        Path probe = dir.resolve("startup.txt");
        System.setProperty(StartupProbe.PROPERTY, probe.toString());
        try {
            boolean[] shellFirst = new boolean[1];
            java.util.concurrent.CompletableFuture<ConsoleWindow> built = new java.util.concurrent.CompletableFuture<>();
            robot.interact(() -> {
                // The app's way: the window shows its opening shell at once, the console view follows.
                ConsoleWindow.show(stage, ProfileOpening.start(DemoFleet.PROFILE, true, Console::open), url -> { }, built::complete);
                shellFirst[0] = stage.isShowing() && stage.getScene().lookup("#openingShell") != null;
            });
            assertTrue(shellFirst[0], "the first frame is the opening shell, shown before the console view is built");
            window = built.get(60, java.util.concurrent.TimeUnit.SECONDS);
            WindowDriver ui = new WindowDriver(robot, window);
            ui.await(60, () -> Files.exists(probe) && Files.readString(probe).contains("history-backfill "));
            FxWait.pulse(stage.getScene());
            assertTrue(stage.getScene().lookup("#openingShell") == null, "the console view replaced the shell");
            assertTrue(stage.getScene().lookup("#servicePane") != null, "the panes left out of the console's first frame joined it");
            // Written in the stage that completes the first snapshot: the whole fleet is on screen by then.
            assertEquals(29, ui.rows().size());
            assertTrue(window.view().latest() != null, "the first snapshot has been applied to every pane");
        } finally {
            System.clearProperty(StartupProbe.PROPERTY);
        }
        List<String> events = Files.readAllLines(probe).stream().map(l -> l.split(" ")[0]).toList();
        assertTrue(events.containsAll(List.of("first-frame", "window-built", "profile-loaded", "console-open", "first-read-done",
                "first-fleet")), events.toString());
        assertTrue(events.indexOf("first-frame") < events.indexOf("window-built"),
                "the window shows before the console view is built: " + events);
        assertEquals(events.size(), Set.copyOf(events).size(), "each event once: " + events);
        assertTrue(events.indexOf("profile-loaded") < events.indexOf("console-open"));
        assertTrue(events.indexOf("console-open") < events.indexOf("first-read-done"));
        assertTrue(events.indexOf("first-read-done") < events.indexOf("first-fleet"));
        assertTrue(events.indexOf("first-frame") < events.indexOf("first-fleet"), "the window shows before its fleet");
        assertTrue(events.indexOf("first-fleet") < events.indexOf("history-backfill"),
                "the history backfill waits for the fleet on screen: " + events);
    }

    @Test
    void aBrokenProfileSaysWhatIsWrongAndTheWindowStays(FxRobot robot, @TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: broken\nregion: us-east-1\nrefresh: 3s\ncolour: blue\n");
        robot.interact(() -> window = ConsoleWindow.open(stage, broken, Console::open, url -> { }));
        WindowDriver ui = new WindowDriver(robot, window);
        ui.await(() -> robot.lookup("#statusRefresh").queryAs(Label.class).getText().startsWith("Profile broken.yaml is not usable"));
        FxWait.visible(robot, "#problemCard");
        assertEquals("Fix the file and open it again (Ctrl+K, Open profile).", robot.lookup("#problemAdvice").queryAs(Label.class).getText());
        String details = robot.lookup("#problemDetails").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(details.contains("colour"), details);
        assertTrue(stage.isShowing());
    }

    /**
     * The AWS example profile as shipped, on a machine without its named AWS profile: one sentence with the command
     * that fixes it, the details behind a click, and a layout no message can push about — checked with the
     * sentence and then with a message of 3,000 characters in the status bar.
     */
    @Test
    void anAwsProfileWithoutCredentialsSaysTheCommandAndLeavesTheLayoutAlone(FxRobot robot, @TempDir Path dir) throws Exception {
        String name = "drainboard-test-absent-" + Long.toHexString(System.nanoTime());
        Path profile = Files.writeString(dir.resolve("aws-example.yaml"), Files.readString(Path.of("..", "profiles",
                "aws-example.yaml")).replace("profile: voice-prod", "profile: " + name));
        robot.interact(() -> window = ConsoleWindow.open(stage, profile, Console::open, url -> { }));
        WindowDriver ui = new WindowDriver(robot, window);
        FxWait.visible(robot, "#problemCard");
        assertEquals("No AWS credentials for voice-prod", robot.lookup("#problemTitle").queryAs(Label.class).getText());
        String advice = robot.lookup("#problemAdvice").queryAs(Label.class).getText();
        assertTrue(advice.startsWith("AWS profile " + name + " is not set up on this machine: run `aws configure sso --profile "
                + name + "`"), advice);
        assertTrue(!robot.lookup("#problemDetails").query().isVisible(), "details wait for a click");
        robot.clickOn("#problemShowDetails");
        FxWait.visible(robot, "#problemDetails");
        assertTrue(robot.lookup("#problemDetails").queryAs(javafx.scene.control.TextArea.class).getText().contains("Looked in "));
        robot.clickOn("#problemCopy");
        ui.await(() -> ("aws configure sso --profile " + name).equals(org.testfx.util.WaitForAsyncUtils.asyncFx(() ->
                javafx.scene.input.Clipboard.getSystemClipboard().getString()).get()));
        assertLaidOutInside(robot);
        double treeX = robot.lookup("#fleetTree").query().localToScene(0, 0).getX();

        robot.interact(() -> window.view().refreshFailed("cannot reach AWS (" + "Unable to load credentials from any of the"
                + " providers in the chain; ".repeat(40) + ")"));
        FxWait.pulse(stage.getScene());
        assertLaidOutInside(robot);
        assertEquals(treeX, robot.lookup("#fleetTree").query().localToScene(0, 0).getX(), 0.5, "the tree did not move");
    }

    @Test
    void aProfileFileThatIsNotThereSaysSoAndHowToMakeOne(FxRobot robot, @TempDir Path dir) throws Exception {
        Path ghost = dir.resolve("ghost.yaml");
        System.setProperty(io.drainboard.profile.ProfileCatalog.EXAMPLES_PROPERTY, Path.of("..", "profiles").toString());
        try {
            robot.interact(() -> window = ConsoleWindow.open(stage, ghost, Console::open, url -> { }));
        } finally {
            System.clearProperty(io.drainboard.profile.ProfileCatalog.EXAMPLES_PROPERTY);
        }
        FxWait.visible(robot, "#problemCard");
        // From another folder, the bundled examples are still offered to switch to.
        WindowDriver ui = new WindowDriver(robot, window);
        ui.await(() -> ui.tree().getRoot().getChildren().stream().map(i -> i.getValue().label.get()).toList()
                .containsAll(List.of("demo", "aws-example", "incident-readonly")));
        assertEquals("No profile file ghost.yaml", robot.lookup("#problemTitle").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#problemAdvice").queryAs(Label.class).getText().contains("open another profile (Ctrl+K)"));
        assertLaidOutInside(robot);
    }

    /**
     * The AWS example without its AWS profile, a 3,000-character error in the status bar, then the demo opened from
     * the tree (a double-click, as the operator does): every divider is where it is in a window that opened the demo
     * directly, and the tree as wide.
     */
    @Test
    void theDemoReopenedAfterAFailingProfileHasItsDividersWhereTheyBelong(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window = ConsoleWindow.open(stage, DemoFleet.PROFILE, Console::open, url -> { }));
        WindowDriver direct = new WindowDriver(robot, window);
        direct.await(60, () -> direct.rows().size() == 29);
        FxWait.pulse(stage.getScene());
        List<double[]> belong = dividers();
        double treeWidth = robot.lookup("#fleetTree").query().getLayoutBounds().getWidth();
        robot.interact(window::close);

        Path profile = Files.writeString(dir.resolve("aws-example.yaml"), Files.readString(Path.of("..", "profiles",
                "aws-example.yaml")).replace("profile: voice-prod", "profile: drainboard-test-absent-" + Long.toHexString(System.nanoTime())));
        System.setProperty(io.drainboard.profile.ProfileCatalog.EXAMPLES_PROPERTY, Path.of("..", "profiles").toString());
        try {
            robot.interact(() -> window = ConsoleWindow.open(stage, profile, Console::open, url -> { }));
        } finally {
            System.clearProperty(io.drainboard.profile.ProfileCatalog.EXAMPLES_PROPERTY);
        }
        WindowDriver ui = new WindowDriver(robot, window);
        FxWait.visible(robot, "#problemCard");
        robot.interact(() -> window.view().refreshFailed("cannot reach AWS (" + "Unable to load credentials from any of the"
                + " providers in the chain; ".repeat(40) + ")"));
        FxWait.pulse(stage.getScene());
        robot.doubleClickOn(FxWait.node(() -> ui.treeCell(n -> n.opensProfile() && n.label.get().equals("demo"))));
        ui.await(60, () -> window.view().latest() != null && ui.rows().size() == 29);
        FxWait.pulse(stage.getScene());
        List<double[]> after = dividers();
        assertEquals(belong.size(), after.size(), "split panes");
        for (int i = 0; i < belong.size(); i++) {
            assertEquals(belong.get(i).length, after.get(i).length);
            for (int j = 0; j < belong.get(i).length; j++) {
                assertEquals(belong.get(i)[j], after.get(i)[j], 0.01, "split pane " + i + " divider " + j + ": "
                        + java.util.Arrays.toString(after.get(i)) + ", opened directly " + java.util.Arrays.toString(belong.get(i)));
            }
        }
        assertEquals(treeWidth, robot.lookup("#fleetTree").query().getLayoutBounds().getWidth(), 1, "the tree's width");
        assertLaidOutInside(robot);
    }

    /** Every split pane's divider positions in the window, in scene order. */
    private List<double[]> dividers() throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> stage.getScene().getRoot().lookupAll(".split-pane").stream()
                .map(n -> ((javafx.scene.control.SplitPane) n).getDividerPositions()).toList()).get();
    }

    /**
     * The operator opens a profile of their own that lies in the temp folder, where a benchmark left its profiles: the
     * navigation offers the bundled examples (the launchers say where they are, docs/runtime-image.md) and never
     * the leftovers.
     */
    @Test
    void aProfileFromAnotherFolderListsTheExamplesAndNoLeftovers(FxRobot robot) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path mine = Files.createTempFile(tmp, "mine-", ".yaml");
        Path leftover = Files.createTempFile(tmp, "rollout-bench-seed1-", ".yaml");
        try {
            Files.writeString(mine, Files.readString(DemoFleet.PROFILE).replace("name: demo", "name: mine"));
            Files.writeString(leftover, Files.readString(DemoFleet.PROFILE).replace("name: demo", "name: leftover"));
            System.setProperty(io.drainboard.profile.ProfileCatalog.EXAMPLES_PROPERTY, Path.of("..", "profiles").toString());
            try {
                robot.interact(() -> window = ConsoleWindow.open(stage, mine, Console::open, url -> { }));
            } finally {
                System.clearProperty(io.drainboard.profile.ProfileCatalog.EXAMPLES_PROPERTY);
            }
            WindowDriver ui = new WindowDriver(robot, window);
            ui.await(60, () -> ui.rows().size() == 29);
            List<String> listed = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> ui.tree().getRoot().getChildren().stream()
                    .map(i -> i.getValue().label.get()).toList()).get();
            String leftoverName = leftover.getFileName().toString().replace(".yaml", "");
            assertEquals("mine", listed.get(0), "the open profile first: " + listed);
            assertTrue(listed.containsAll(List.of("demo", "aws-example", "incident-readonly")), listed.toString());
            assertTrue(listed.stream().noneMatch(l -> l.startsWith("rollout-bench") || l.equals(leftoverName) || l.equals("leftover")),
                    listed.toString());
        } finally {
            Files.deleteIfExists(mine);
            Files.deleteIfExists(leftover);
        }
    }

    /** What other programs leave in the temp folder (a benchmark's profiles) is never offered as the operator's. */
    @Test
    void leftoversInTheTempFolderAreNotListed() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path mine = Files.createTempFile(tmp, "mine-", ".yaml");
        Path leftover = Files.createTempFile(tmp, "rollout-bench-seed1", ".yaml");
        try {
            assertTrue(ConsoleWindow.siblings(mine).stream().noneMatch(p -> p.getFileName().equals(leftover.getFileName())));
        } finally {
            Files.deleteIfExists(mine);
            Files.deleteIfExists(leftover);
        }
    }

    /** The header, tree, table and status bar all lie inside the window: nothing was pushed wider than it. */
    private void assertLaidOutInside(FxRobot robot) throws Exception {
        FxWait.pulse(stage.getScene());
        double w = stage.getScene().getWidth();
        for (String id : List.of("#fleetTree", "#taskTable", "#statusLine", "#statusHealth", "#statusRefresh")) {
            javafx.geometry.Bounds b = robot.lookup(id).query().localToScene(robot.lookup(id).query().getLayoutBounds());
            assertTrue(b.getMinX() >= -0.5 && b.getMaxX() <= w + 0.5, id + " at " + b + " in a window " + w + " wide");
        }
    }
}

package io.drainboard.ui;

import io.drainboard.Console;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileException;
import io.drainboard.profile.ProfileLoader;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The main window: navigation tree, task table and status bar around one open profile. The profile is
 * opened off the FX thread (the embedded simulator and SDK clients take a moment); the window shows
 * at once and says what it is waiting for.
 */
public final class ConsoleWindow {
    private static final Logger LOG = Logger.getLogger(ConsoleWindow.class.getName());
    private final Stage stage;
    private final FleetTree tree = new FleetTree();
    private final TaskTable table = new TaskTable();
    private final StatusLine status = new StatusLine();
    private final SnapshotBridge bridge;
    private final AtomicReference<Console> console = new AtomicReference<>();
    private volatile boolean closed;

    private ConsoleWindow(Stage stage) {
        this.stage = stage;
        this.bridge = new SnapshotBridge(snapshot -> {
            tree.apply(snapshot);
            table.apply(snapshot);
            status.apply(snapshot);
        }, status::refreshFailed);
        tree.selectionProperty().addListener((obs, old, sel) -> table.showOnly(sel));

        SplitPane split = new SplitPane(tree.node(), table.node());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(tree.node(), false);
        BorderPane root = new BorderPane(split);
        root.setBottom(status.node());
        root.getStyleClass().add("console-root");

        Scene scene = new Scene(root, 1360, 800);
        scene.getStylesheets().add(Objects.requireNonNull(
                ConsoleWindow.class.getResource("/css/drainboard.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Drainboard");
    }

    /** Shows the window and starts opening the profile in the background. */
    public static ConsoleWindow open(Stage stage, Path profileFile) {
        ConsoleWindow w = new ConsoleWindow(stage);
        stage.show();
        w.status.connecting(profileFile.getFileName().toString());
        Thread opener = new Thread(() -> w.openProfile(profileFile), "open-profile");
        opener.setDaemon(true);
        opener.start();
        return w;
    }

    private void openProfile(Path file) {
        Profile profile;
        try {
            profile = ProfileLoader.load(file);
        } catch (ProfileException e) {
            Platform.runLater(() -> status.fatal("Profile not usable", String.join("\n", e.problems())));
            return;
        }
        Platform.runLater(() -> {
            stage.setTitle("Drainboard — " + profile.name() + " (" + profile.primaryRegion() + ")");
            status.profile(profile);
        });
        try {
            Console c = Console.open(profile);
            if (closed) {
                c.close();
                return;
            }
            console.set(c);
            bridge.start(c.clock());
            c.refresher().addListener(bridge);
            c.refresher().start();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot open profile " + file, e);
            Platform.runLater(() -> status.fatal("Cannot open profile " + profile.name(),
                    e.getMessage() + "\nCheck the profile's region, credentials and endpoint, then restart."));
        }
    }

    /** The open console, once the profile is open (tests wait for it). */
    public Console console() {
        return console.get();
    }

    public void close() {
        closed = true;
        bridge.stop();
        Console c = console.getAndSet(null);
        if (c != null) c.close();
    }
}

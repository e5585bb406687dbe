package io.drainboard.ui;

import io.drainboard.ui.common.OffFx;
import io.drainboard.ui.common.OpenConsole;
import io.drainboard.profile.Profile;
import io.drainboard.profile.StartupProbe;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The main window around one open profile. Profiles are opened off the FX thread (the embedded
 * simulator and SDK clients take a moment): the window shows at once, says what it is waiting for, and
 * stays usable; switching profile closes the old console first.
 */
public final class ConsoleWindow {
    private final Stage stage;
    private final ConsoleView view;
    private final AtomicReference<OpenConsole> console = new AtomicReference<>();
    private final AtomicReference<ProfileOpening> opening = new AtomicReference<>();
    private final boolean autoRefresh;
    private final boolean ownsConsole;
    private volatile SnapshotBridge bridge;
    private volatile io.drainboard.fleet.FleetListener engineListener;
    private volatile boolean closed;
    private volatile ProfileOpening.Opener opener; // how the next profile is opened: as the last one was

    private ConsoleWindow(Stage stage, Browser browser, boolean autoRefresh, boolean ownsConsole, Scene shell) {
        this.stage = stage;
        this.autoRefresh = autoRefresh;
        this.ownsConsole = ownsConsole;
        this.view = new ConsoleView(new ConsoleView.Actions() {
            @Override
            public void refreshNow() {
                OpenConsole c = console.get();
                if (c != null) c.refresher().refreshNow();
            }

            @Override
            public void openProfile(Path profile) {
                ConsoleWindow.this.openProfile(profile);
            }

            @Override
            public void browse(String url, java.util.function.Consumer<String> failed) {
                browser.open(url, failed);
            }

            @Override
            public java.util.Optional<io.drainboard.drain.CapacityActions> capacity() {
                return java.util.Optional.ofNullable(console.get()).map(OpenConsole::capacity);
            }

            @Override
            public void quit() {
                stage.close();
                Platform.exit();
            }
        });
        Scene scene;
        if (shell != null) {
            scene = shell;
            scene.setRoot(view.root()); // the opening shell's window and size stay; it has no handlers of its own
            afterFirstPulse(scene, () -> {
                StartupProbe.mark("console-frame"); // the console view's first layout (panes still out)
                // The panes follow the first rows: their CSS and first layout would hold those rows up.
                view.attachPanesWhenRowsShow(PANES_AT_MOST, () -> afterFirstPulse(scene, () -> StartupProbe.mark("panes-frame")));
            });
        } else {
            scene = new Scene(view.root(), 1440, 900); // a new scene: none of an earlier console's key handlers
            stage.setScene(scene);
            view.attachPanes();
        }
        view.install(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setTitle("Drainboard");
    }

    /**
     * How long the app's window leaves its panes out waiting for the first rows: a slow first read does not leave the
     * lower half empty for longer.
     */
    static final javafx.util.Duration PANES_AT_MOST = javafx.util.Duration.seconds(5);

    /** Shows the window and opens the profile in the background with {@code opener}. */
    public static ConsoleWindow open(Stage stage, Path profileFile, ProfileOpening.Opener opener, Browser browser) {
        return open(stage, ProfileOpening.start(profileFile, true, opener), browser);
    }

    /** Shows the window on a profile whose opening has started already, the console view built first. */
    public static ConsoleWindow open(Stage stage, ProfileOpening opening, Browser browser) {
        ConsoleWindow w = new ConsoleWindow(stage, browser, true, true, null);
        stage.show();
        w.await(opening);
        return w;
    }

    /**
     * What the app does: shows the window at once with the {@link OpeningShell} (its first frame), then builds
     * the console view in the next FX turn, swaps it in and hands the window to {@code built}. The profile has
     * been opening since before JavaFX started, so both go on side by side.
     */
    public static void show(Stage stage, ProfileOpening opening, Browser browser, java.util.function.Consumer<ConsoleWindow> built) {
        // 1440×900, or the screen's usable area when smaller: a 1280×800 screen would otherwise show the window's
        // middle only, its tree, header and status bar off the edges.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(OpeningShell.of(opening.file()), Math.min(1440, screen.getWidth()),
                Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(ConsoleView.STYLESHEET);
        stage.setScene(scene);
        stage.setTitle("Drainboard");
        afterFirstPulse(scene, () -> {
            StartupProbe.mark("first-frame"); // the startup benchmark's first frame: the shell is laid out, drawn next
            // The console is built two pulses later, not at once: with the software pipeline the drawn frame
            // reaches the window through the FX thread (an upload queued when drawing ends), and work queued
            // before that would keep the window blank until it is done. The third pulse's layout comes after
            // the second's wait for the first frame's drawing, so the upload is queued ahead of the build.
            afterNextPulses(scene, 2, () -> Platform.runLater(() -> {
                ConsoleWindow w = new ConsoleWindow(stage, browser, true, true, scene);
                StartupProbe.mark("window-built");
                w.await(opening);
                built.accept(w);
            }));
        });
        stage.show();
        StartupProbe.mark("window-shown"); // show() returned: the shell's CSS applied
    }

    /** Asks for {@code pulses} more pulses and runs {@code then} in the last one's layout. */
    private static void afterNextPulses(Scene scene, int pulses, Runnable then) {
        Platform.requestNextPulse();
        afterFirstPulse(scene, pulses <= 1 ? then : () -> afterNextPulses(scene, pulses - 1, then));
    }

    private static void afterFirstPulse(Scene scene, Runnable then) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                then.run();
            }
        });
    }

    /**
     * Shows the window on a console that is already open and stays the caller's (tests share one
     * virtual-time simulator). With {@code autoRefresh} false nothing refreshes until the caller calls
     * {@code refresher().readOnce()}.
     */
    public static ConsoleWindow attach(Stage stage, OpenConsole c, Browser browser, boolean autoRefresh) {
        ConsoleWindow w = new ConsoleWindow(stage, browser, autoRefresh, false, null);
        w.opener = p -> {
            throw new IllegalStateException("this window shows a console it was given; it opens no other profile");
        };
        stage.show();
        w.view.opening(c.profile().source(), siblings(c.profile().source()));
        w.connect(c);
        return w;
    }

    /** Closes the open console (if any) and opens another profile. */
    public void openProfile(Path file) {
        await(ProfileOpening.start(file, autoRefresh, opener));
    }

    private void await(ProfileOpening o) {
        opener = o.opener();
        disconnect();
        opening.set(o);
        view.opening(o.file(), siblings(o.file()));
        o.whenDone(OffFx.onFx(c -> {
            if (opening.get() == o) connect(c); // else switched away or closed: abandon() closes it
        }), OffFx.onFx(f -> {
            if (opening.get() == o) view.fatal(f.title(), f.advice(), f.details());
        }));
    }

    private void connect(OpenConsole c) {
        if (closed) {
            c.close();
            return;
        }
        Profile p = c.profile();
        stage.setTitle("Drainboard — " + p.name() + " (" + p.primaryRegion() + ")" + (p.readOnly() ? " — read-only" : ""));
        io.drainboard.ui.common.Ticker.useClock(c.clock());
        console.set(c);
        engineListener = view.connected(c);
        c.refresher().addListener(engineListener); // before the bridge: a refresh shows the drains as of itself
        SnapshotBridge b = view.opened(p);
        bridge = b;
        c.refresher().addListener(b);
        // What happened while nobody watched is read after the fleet is shown, not in competition with it.
        if (ownsConsole) view.whenFirstShown(c::backfillHistory);
        if (autoRefresh) {
            view.status.busy("reading the fleet…");
            c.refresher().start(); // started already when the opening did it
        }
    }

    private void disconnect() {
        ProfileOpening o = opening.getAndSet(null);
        if (o != null && console.get() == null) o.abandon(); // still opening: its console is nobody's
        SnapshotBridge b = bridge;
        bridge = null;
        OpenConsole c = console.getAndSet(null);
        if (b != null) b.stop(); // ignores a snapshot the refresher may still be handing out
        if (c != null) {
            if (b != null) c.refresher().removeListener(b);
            if (engineListener != null) c.refresher().removeListener(engineListener);
        }
        engineListener = null;
        if (c != null && ownsConsole) {
            OffFx.thread("close-console").execute(c::close);
        }
    }

    /**
     * Other profiles offered in the navigation for switching: those next to this one, the operator's own
     * (~/.config/drainboard/profiles) and the bundled examples (docs/runtime-image.md), each once. The system's temp
     * folder is not listed from: what lies there is other programs' leftovers (a benchmark's profiles), not the
     * operator's.
     */
    static List<Path> siblings(Path profile) {
        Path self = profile.toAbsolutePath().normalize();
        java.util.Map<Path, Path> out = new java.util.LinkedHashMap<>();
        Path dir = self.getParent();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (dir != null && !dir.equals(tmp)) yamlIn(dir).forEach(p -> out.putIfAbsent(p.toAbsolutePath().normalize(), p));
        io.drainboard.profile.ProfileCatalog catalog = io.drainboard.profile.ProfileCatalog.standard(System.getenv());
        yamlIn(catalog.userDirectory()).forEach(p -> out.putIfAbsent(p.toAbsolutePath().normalize(), p));
        catalog.examples().ifPresent(ex -> yamlIn(ex).forEach(p -> out.putIfAbsent(p.toAbsolutePath().normalize(), p)));
        out.remove(self);
        return List.copyOf(out.values());
    }

    private static List<Path> yamlIn(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The open console, once the profile is open (tests wait for it). */
    public OpenConsole console() {
        return console.get();
    }

    ConsoleView view() {
        return view;
    }

    public void close() {
        closed = true;
        disconnect();
    }
}

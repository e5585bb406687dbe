package io.drainboard.ui;

import io.drainboard.ui.common.OffFx;
import io.drainboard.ui.common.OpenConsole;
import io.drainboard.profile.CredentialsException;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileException;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.profile.StartupProbe;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One profile file being opened into an {@link OpenConsole} on its own thread: load and validate the file,
 * start the embedded simulator and the SDK clients and, with {@code refresh}, start reading the fleet.
 * The app starts this before JavaFX itself so that the window and the console come up side by side
 * (docs/benchmarks.md, startup); the window takes the result when it is ready for it.
 */
public final class ProfileOpening {
    private static final Logger LOG = Logger.getLogger(ProfileOpening.class.getName());

    /**
     * Why a profile could not be opened, in the operator's words: a short title, one sentence saying what to do
     * (the exact command when there is one), and the details behind it for whoever asks.
     */
    public record Failure(String title, String advice, String details) {
    }

    /** Opens a loaded profile into its console (the composition root's {@code Console.open}); may throw. */
    @FunctionalInterface
    public interface Opener {
        OpenConsole open(Profile profile);
    }

    private final Path file;
    private final Opener opener;
    private final CompletableFuture<OpenConsole> console = new CompletableFuture<>();
    private volatile Failure failure;

    private ProfileOpening(Path file, Opener opener) {
        this.file = file;
        this.opener = opener;
    }

    /** Starts opening {@code file} on a daemon thread; {@code refresh} also starts the refresher once open. */
    public static ProfileOpening start(Path file, boolean refresh, Opener opener) {
        ProfileOpening o = new ProfileOpening(file, opener);
        OffFx.thread("open-profile").execute(() -> o.open(refresh)); // no FX result: JavaFX may not run yet
        return o;
    }

    public Path file() {
        return file;
    }

    /** How this opening opens a profile; the window opens the next profile the same way. */
    Opener opener() {
        return opener;
    }

    private void open(boolean refresh) {
        Profile profile;
        if (!java.nio.file.Files.exists(file)) {
            fail(new Failure("No profile file " + file.getFileName(), "There is no file " + file.toAbsolutePath().normalize()
                    + ": open another profile (Ctrl+K) or copy profiles/aws-example.yaml there and edit it.",
                    file.toAbsolutePath().normalize() + " does not exist."));
            return;
        }
        try {
            profile = ProfileLoader.load(file);
        } catch (ProfileException e) {
            fail(new Failure("Profile " + file.getFileName() + " is not usable",
                    "Fix the file and open it again (Ctrl+K, Open profile).",
                    String.join("\n", e.problems()) + "\nFix the file and open it again (Ctrl+K, Open profile)."));
            return;
        } catch (RuntimeException e) {
            fail(new Failure("Cannot read " + file.getFileName(), "Check the file's permissions, then open it again (Ctrl+K).",
                    oneLine(e) + "\nCheck the path and permissions."));
            return;
        }
        StartupProbe.mark("profile-loaded");
        OpenConsole c;
        try {
            c = opener.open(profile);
        } catch (RuntimeException e) {
            // One line: what an operator needs is the message; a stack trace would only bury it.
            LOG.warning("cannot open profile " + file + ": " + oneLine(e));
            if (e.getCause() instanceof CredentialsException ce) {
                fail(new Failure("No AWS credentials for " + profile.name(), ce.getMessage(),
                        ce.details().isEmpty() ? ce.getMessage() : ce.details()));
            } else {
                fail(new Failure("Cannot open profile " + profile.name(), "Check the profile's region, credentials"
                        + " and endpoint, then open it again (Ctrl+K).", oneLine(e)
                        + "\nCheck the profile's region, credentials and endpoint, then open it again (Ctrl+K)."));
            }
            return;
        }
        StartupProbe.mark("console-open");
        if (refresh) {
            // History writes wait for the window's first fleet (its backfillHistory), not compete with it.
            c.history().holdWrites();
            c.refresher().addListener(s -> StartupProbe.mark("first-read-done"));
            c.refresher().start(); // the first read runs while the window is still being built
        }
        console.complete(c);
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m);
    }

    private void fail(Failure f) {
        failure = f;
        console.complete(null);
    }

    /**
     * Calls {@code opened} with the console, or {@code failed} with the reason, on the opening's thread
     * (or at once when it is done already). The console is the caller's to close from then on.
     */
    public void whenDone(Consumer<OpenConsole> opened, Consumer<Failure> failed) {
        console.thenAccept(c -> {
            if (c == null) failed.accept(failure);
            else opened.accept(c);
        });
    }

    /** Nobody will take the console: it is closed as soon as it is open (a profile switched away from). */
    public void abandon() {
        console.thenAccept(c -> {
            if (c != null) c.close();
        });
    }
}

package io.drainboard.ui;

import io.drainboard.ui.common.OffFx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The desktop's own opener (xdg-open, open, or the Windows shell), run off the FX thread and watched: JavaFX's
 * HostServices.showDocument reports nothing when no browser starts ("Operation not supported" in the log only),
 * so the console used to say "Opened … in the AWS console" when nothing had opened. An opener that cannot start,
 * or exits non-zero within a few seconds, is a failure with its first line of output as the reason.
 */
final class SystemBrowser implements Browser {
    private final OffFx opener = OffFx.thread("open-browser");

    @Override
    public void open(String url) {
        open(url, why -> { });
    }

    /** Tells {@code failed} on the FX thread. */
    @Override
    public void open(String url, Consumer<String> failed) {
        opener.run(() -> run(command(url)), why -> {
            if (why != null) failed.accept(why);
        }, e -> failed.accept(OffFx.words(e)));
    }

    static List<String> command(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) return List.of("open", url);
        if (os.contains("win")) return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        return List.of("xdg-open", url);
    }

    /** Null when the opener started the browser; else why not, in one line. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) return null; // still running: a browser it started in the foreground
            if (p.exitValue() == 0) return null;
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return command.get(0) + " failed" + (out.isEmpty() ? " (exit " + p.exitValue() + ")"
                    : ": " + out.lines().findFirst().orElse(out));
        } catch (IOException e) {
            return "no " + command.get(0) + " on this machine";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package io.drainboard;

import io.drainboard.profile.ExitCode;
import io.drainboard.profile.IamPolicyGenerator;
import io.drainboard.rollout.HeadlessRollout;
import io.drainboard.ui.WindowArgs;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Plain main class: starting a JavaFX {@code Application} subclass directly from the class path makes
 * the launcher complain, so this class (which imports no JavaFX) hands over to the UI, or runs a command
 * without a window: {@code --rollout} (a guided rollout for pipelines, docs/rollout.md) or
 * {@code --iam-policy PROFILE [--operator|--read-only|--guard]} (the least-privilege IAM policy, docs/profiles.md),
 * {@code guard --profile FILE} (the guard service, docs/guard-service.md), or
 * {@code --help} (the usage of every mode, {@link Usage}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        OptionalInt code = headless(Arrays.asList(args), System.out, System.err);
        if (code.isPresent()) System.exit(code.getAsInt());
        Optional<String> noDisplay = noDisplay(System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("glass.platform"));
        if (noDisplay.isPresent()) { // JavaFX would die with a stack trace
            System.err.println("error: " + noDisplay.get());
            System.exit(ExitCode.UNAVAILABLE.code());
        }
        io.drainboard.ui.DrainboardApp.main(args, Console::open);
    }

    /** Why the window cannot open here (Linux without X11 or Wayland, and no headless glass platform); empty if it can. */
    static Optional<String> noDisplay(Map<String, String> env, String osName, String glassPlatform) {
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux") || glassPlatform != null) return Optional.empty();
        boolean x11 = !env.getOrDefault("DISPLAY", "").isBlank(), wayland = !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        if (x11 || wayland) return Optional.empty();
        return Optional.of("no display (DISPLAY and WAYLAND_DISPLAY are not set): the console window needs a desktop"
                + " session; without one use --rollout, --iam-policy or guard (drainboard --help)");
    }

    /**
     * Runs a window-less command and returns its exit code; empty when the arguments ask for the window. {@code --help}
     * and a bad window argument are answered here, before JavaFX starts, so neither needs a display.
     */
    static OptionalInt headless(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && "guard".equals(args.get(0))) { // its own --help too
            return OptionalInt.of(io.drainboard.guard.GuardCommand.main(args.subList(1, args.size()), out, err, Console::open));
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.println(args.contains("--rollout") ? Usage.rollout() : args.contains("--iam-policy") ? Usage.iamPolicy()
                    : args.contains("--check") ? Usage.check()
                    : !args.isEmpty() && args.get(0).equals("scaling-lab") ? Usage.scalingLab() : Usage.all());
            return OptionalInt.of(ExitCode.OK.code());
        }
        if (args.contains("--rollout")) return OptionalInt.of(HeadlessRollout.main(args, out, Console::open));
        if (!args.isEmpty() && args.get(0).equals("scaling-lab")) {
            return OptionalInt.of(io.drainboard.scaling.lab.ScalingLabCommand.main(args, out, err, Console::open));
        }
        if (args.contains("--check")) return OptionalInt.of(io.drainboard.scaling.ScalingCheckCommand.main(args, out, err, Console::open));
        if (args.contains("--iam-policy")) return OptionalInt.of(IamPolicyGenerator.run(args.toArray(String[]::new), out, err));
        try {
            WindowArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(Usage.WINDOW);
            err.println("(drainboard --help lists every mode)");
            return OptionalInt.of(ExitCode.USAGE.code());
        }
        return OptionalInt.empty();
    }
}

package io.drainboard;

import io.drainboard.profile.IamPolicyGenerator;
import io.drainboard.rollout.HeadlessRollout;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Plain main class: starting a JavaFX {@code Application} subclass directly from the class path makes
 * the launcher complain, so this class (which imports no JavaFX) hands over to the UI, or runs a command
 * without a window: {@code --rollout} (a guided rollout for pipelines, docs/rollout.md) or
 * {@code --iam-policy PROFILE [--operator|--read-only|--guard]} (the least-privilege IAM policy, docs/profiles.md), or
 * {@code guard --profile FILE} (the guard service, docs/guard-service.md).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        OptionalInt code = headless(Arrays.asList(args), System.out, System.err);
        if (code.isPresent()) System.exit(code.getAsInt());
        io.drainboard.ui.DrainboardApp.main(args);
    }

    /** Runs a window-less command and returns its exit code; empty when the arguments ask for the window. */
    static OptionalInt headless(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && "guard".equals(args.get(0))) {
            return OptionalInt.of(io.drainboard.guard.GuardCommand.main(args.subList(1, args.size()), out, err));
        }
        if (args.contains("--rollout")) return OptionalInt.of(HeadlessRollout.main(args, out));
        if (args.contains("--iam-policy")) return OptionalInt.of(IamPolicyGenerator.run(args.toArray(String[]::new), out, err));
        return OptionalInt.empty();
    }
}

package io.drainboard;

import io.drainboard.guard.GuardCommand;
import io.drainboard.profile.IamPolicyGenerator;
import io.drainboard.rollout.HeadlessRollout;
import io.drainboard.ui.WindowArgs;

/**
 * The usage of every mode, one text per mode, each kept next to the code that parses it
 * ({@link WindowArgs}, {@link HeadlessRollout}, {@link IamPolicyGenerator}, {@link GuardCommand}); {@code --help} prints them all.
 */
final class Usage {
    static final String WINDOW = "usage: drainboard [--profile FILE] [--light]\n"
            + "       the console window on a profile (default: the bundled demo profile); --light: the light theme";

    private Usage() {
    }

    static String rollout() {
        return HeadlessRollout.USAGE_TEXT + "\n       a guided rollout without a window, for pipelines (docs/rollout.md)";
    }

    static String check() {
        return io.drainboard.scaling.ScalingCheckCommand.USAGE
                + "\n       scaling readiness per service; exit 4 when a finding is a problem (docs/scaling.md)";
    }

    static String scalingLab() {
        return io.drainboard.scaling.lab.ScalingLabCommand.USAGE
                + "\n       replays traffic against scaling policies in the embedded simulator; exit 4 when one cuts calls";
    }

    static String iamPolicy() {
        return IamPolicyGenerator.USAGE;
    }

    static String all() {
        return "Drainboard: drain, protect and roll ECS tasks without cutting a call.\n\n" + WINDOW + "\n\n" + rollout()
                + "\n\n" + check() + "\n\n" + scalingLab() + "\n\n" + iamPolicy() + "\n\n" + GuardCommand.USAGE + "\n\n"
                + "usage: drainboard --help   this text (with --rollout, --iam-policy or after guard: that mode's only)\n\n"
                + "Exit codes of the window-less modes: docs/rollout.md. Profiles: docs/profiles.md.";
    }
}

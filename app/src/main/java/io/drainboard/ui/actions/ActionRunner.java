package io.drainboard.ui.actions;

import io.drainboard.drain.ReadOnlyException;
import io.drainboard.ui.model.Activity;
import io.drainboard.ui.common.OffFx;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Runs the engine's mutating calls off the FX thread, one at a time and in the order confirmed, and
 * hands each result back to the FX thread as a note (activity line and toast). A failure becomes words
 * that say what to do; the window never waits on AWS.
 */
public final class ActionRunner implements AutoCloseable {
    /** What an action reports when it is done. */
    public record Outcome(Activity.Level level, String text) {
    }

    /** Where results go (on the FX thread). */
    public interface Notes {
        void note(Activity.Level level, String text);

        /** A transient "in progress" note; the returned action takes it down when the outcome is told. */
        default Runnable progress(String text) {
            note(Activity.Level.INFO, text);
            return () -> { };
        }
    }

    private final OffFx work = OffFx.thread("operator-actions");
    private final Notes notes;
    private final Runnable afterEach;

    /** @param afterEach runs on the FX thread after every action (refresh the fleet, the audit view) */
    public ActionRunner(Notes notes, Runnable afterEach) {
        this.notes = notes;
        this.afterEach = afterEach;
    }

    public void run(String what, Supplier<Outcome> action) {
        Runnable inProgress = notes.progress(what + "…");
        work.run(action::get, o -> done(inProgress, o),
                e -> done(inProgress, new Outcome(Activity.Level.DANGER, what + " failed: " + explain(e))));
    }

    private void done(Runnable inProgress, Outcome o) {
        inProgress.run();
        notes.note(o.level(), o.text());
        afterEach.run();
    }

    /** An engine failure in the operator's words, with what to do about it. */
    static String explain(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ReadOnlyException) return m + " (open an operator profile to act)";
        if (e instanceof UncheckedIOException) return m; // the audit log says where and what to fix
        if (e instanceof SdkException) {
            return m + ". Nothing was changed by this request; check the profile's credentials (aws sso login) and"
                    + " its IAM permissions (Drainboard can print the policy it needs), then try again";
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) return m;
        return m + " (see the log; nothing more was sent)";
    }

    @Override
    public void close() {
        work.close();
    }
}

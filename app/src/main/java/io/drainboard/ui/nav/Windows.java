package io.drainboard.ui.nav;

import io.drainboard.ui.common.OpenConsole;
import javafx.stage.Window;

import java.util.Optional;

/**
 * The one way to open the console's other windows: whoever wants one (the actions, the command palette) names the
 * window it wants and the place; the main window ({@code ui.ConsoleWindows}) opens it, or brings the open one to
 * the front. The packages that ask never import the windows' own packages, so they cannot form a cycle with them.
 */
public interface Windows {
    /** The windows there are. */
    enum Kind { TIMELINE, ROLLOUT, AUDIT }

    /** The incident timeline of a service or of the whole fleet; {@code t} again brings the open one forward. */
    void timeline(OpenConsole console, Place where);

    /** The guided rollout of a service (one wizard per service; its end is told in the activity feed). */
    void rollout(OpenConsole console, Place service);

    /** The audit log, re-read when it is already open. */
    void audit(OpenConsole console);

    /** The audit log changed (an action ran, a refresh came): an open audit view re-reads it. */
    void refreshed();

    /** The window of this kind when it is showing. */
    Optional<Window> showing(Kind kind);
}

package io.drainboard.ui.common;

import io.drainboard.drain.CapacityActions;
import io.drainboard.drain.FleetActions;
import io.drainboard.fleet.FleetRefresher;
import io.drainboard.history.History;
import io.drainboard.profile.Profile;
import io.drainboard.rollout.RolloutHost;

import java.time.Clock;

/**
 * An open profile as the window uses it: the composition root ({@code io.drainboard.Console}) is one and is
 * handed in ({@code ui.ProfileOpening.Opener}, {@code ui.ConsoleWindow.attach}), so that nothing in the ui reaches up
 * to it. Closing it closes its clients and, on a simulated profile, its simulator.
 */
public interface OpenConsole extends RolloutHost, io.drainboard.scaling.ScalingHost {
    Profile profile();

    Clock clock();

    FleetRefresher refresher();

    /** Protect, guard and drain: every mutating action of this profile (refused when read-only). */
    FleetActions actions();

    /** The history store (timeline, stops that cut calls); check {@code history().status()}: it may be off. */
    History history();

    /** Instance protection, instance drains and the instance guard (EC2 capacity). */
    CapacityActions capacity();

    /** Fills the history with what happened while no console was watching, in the background. */
    OpenConsole backfillHistory();
}

package io.drainboard.guard;

import io.drainboard.aws.AwsClients;
import io.drainboard.drain.FleetActions;
import io.drainboard.fleet.FleetRefresher;
import io.drainboard.profile.Profile;

import java.time.Clock;
import java.util.List;

/**
 * An open profile as the guard service needs it: the composition root ({@code io.drainboard.Console}) is one and
 * hands it in, so that nothing in this package reaches up to it (ArchitectureTest).
 */
public interface GuardHost extends AutoCloseable {
    Clock clock();

    /** The profile's clients, one set per region. */
    List<AwsClients> aws();

    FleetActions actions();

    FleetRefresher refresher();

    @Override
    void close();

    /** Opens a profile for the guard service. */
    @FunctionalInterface
    interface Opener {
        GuardHost open(Profile profile);
    }
}

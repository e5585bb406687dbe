package io.drainboard.scaling;

import io.drainboard.aws.AwsClients;
import io.drainboard.fleet.FleetRefresher;
import io.drainboard.profile.Profile;

import java.time.Clock;
import java.util.List;

/**
 * An open profile as the scaling check and lab need it: the composition root ({@code io.drainboard.Console}) is one
 * and hands it in, so that nothing in this package reaches up to it (ArchitectureTest).
 */
public interface ScalingHost extends AutoCloseable {
    Clock clock();

    /** The profile's clients, one set per region. */
    List<AwsClients> aws();

    FleetRefresher refresher();

    @Override
    void close();

    /** Opens a profile; {@code recordHistory} false opens or makes no history file. */
    @FunctionalInterface
    interface Opener {
        ScalingHost open(Profile profile, boolean recordHistory);
    }
}

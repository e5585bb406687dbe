package io.drainboard.scaling;

import io.drainboard.drain.GuardLease;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;

import java.time.Duration;
import java.util.Optional;

/**
 * Puts a service's {@link ServiceFacts} together from the live snapshot (and its guard lease tag), history, CloudWatch,
 * the settings and the profile's direct scaling.
 */
public final class FactsBuilder {
    private FactsBuilder() {
    }

    public static ServiceFacts build(ServiceSnapshot s, Profile.CallPrior calls, CheckSettings settings,
                                     Optional<SessionHistory> history, Optional<Duration> startup,
                                     Optional<Double> cpuCorrelation, Optional<Profile.DirectScaling> direct,
                                     java.time.Instant now) {
        int running = 0, busy = 0, unprotected = 0, sessions = 0;
        for (TaskSnapshot t : s.tasks()) {
            if (!"RUNNING".equals(t.lastStatus()) || t.stopping()) continue;
            running++;
            if (t.calls().known() && t.calls().count() > 0) {
                busy++;
                sessions += t.calls().count();
                if (t.protection().state() != Protection.State.ON) unprotected++;
            }
        }
        return new ServiceFacts(s.clusterName(), s.name(), s.launchType(), running, s.desiredCount(),
                s.stopTimeout().map(x -> x.seconds()), busy, unprotected, sessions, settings.capacity(),
                settings.capacityBasis(), settings.drainTimeout().orElse(CheckSettings.DEFAULT_DRAIN_TIMEOUT),
                settings.drainTimeout().isPresent() ? "given" : "LiveKit agents' default",
                calls.median(), calls.p99(), "profile call length, p99 " + calls.p99().toMinutes() + " min",
                history.flatMap(SessionHistory::peak), history.flatMap(SessionHistory::rampPerMinute),
                startup.orElse(Duration.ofSeconds(60)),
                startup.map(d -> "measured: median ECS launch to RUNNING").orElse("assumed 60 s: no task to measure"),
                cpuCorrelation, direct, GuardLease.of(s.tags()).map(l -> l.live(now)).orElse(false));
    }
}

package io.drainboard.scaling.lab;

import io.drainboard.history.History;
import io.drainboard.profile.Profile;
import io.drainboard.scaling.ReadinessReport;
import io.drainboard.scaling.Recommended;
import io.drainboard.scaling.ServiceFacts;
import io.drainboard.scaling.SessionHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A replay of one service as {@code scaling-lab} and the console's lab view both build it: the service's real
 * settings (from its readiness report and the profile's call length), the traffic shape, and the policies by name
 * with the scalable target's bounds the shape needs.
 */
public final class LabSetup {
    private final ReadinessReport report;
    private final LabService service;
    private final Recommended recommended;
    private final List<String> notes = new ArrayList<>();
    private final LabPolicy current;

    public LabSetup(ReadinessReport report, Profile.CallPrior calls, Duration warmup, Recommended recommended) {
        this.report = report;
        this.recommended = recommended;
        ServiceFacts f = report.facts();
        this.service = new LabService(f.cluster(), f.service(), f.launchType(), f.stopTimeoutSeconds().orElse(30),
                f.capacityPerTask(), f.drainTimeout(), warmup, calls.median(), calls.p99());
        this.current = LabPolicy.current(report.config(), f.capacityPerTask(), f.busyTasks() > 0 && f.busyUnprotected() == 0,
                notes);
    }

    public LabService service() {
        return service;
    }

    /** What the current policy's replay leaves out (a metric the lab does not model, a step policy without alarm). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * A built-in shape scaled to {@code peak} (else the history's peak, else desired × capacity), or
     * {@code history:DAYS} from the history store.
     *
     * @throws IllegalArgumentException an unknown shape, or history with no sessions of the service (the message says so)
     */
    public TrafficShape shape(String name, int days, Optional<Integer> peak, History history, Instant now) {
        ServiceFacts f = report.facts();
        if (name.startsWith("history:")) {
            int n;
            try {
                n = Integer.parseInt(name.substring("history:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("history:DAYS wants a number of days, got '" + name + "'");
            }
            if (n < 1 || n > 14) throw new IllegalArgumentException("history:DAYS wants 1 to 14 days, got " + n);
            Optional<SessionHistory> h = SessionHistory.read(history, f.cluster(), f.service(), now, Duration.ofDays(n));
            if (h.isEmpty() || h.get().knownMinutes() == 0) {
                throw new NoHistory("the history store has no sessions of " + f.key() + " (" + history.status().message()
                        + "); run the console on it first, or use a built-in shape");
            }
            return TrafficShape.fromHistory(h.get(), n);
        }
        int p = peak.orElse(f.peak().map(ServiceFacts.Peak::sessions).orElse(Math.max(10, f.desiredCount() * f.capacityPerTask())));
        return TrafficShape.builtIn(name, p, days);
    }

    /** No sessions of the service in the history store: a replay of history has nothing to replay. */
    public static final class NoHistory extends IllegalArgumentException {
        NoHistory(String message) {
            super(message);
        }
    }

    /**
     * The policies by name ({@code current}, {@code recommended}, {@code cpu}, each with {@code :key=value} edits),
     * bounded by the service's own target and the tasks the shape's peak needs with 20 % idle.
     *
     * @throws IllegalArgumentException a policy that does not parse (the message says why)
     */
    public List<LabPolicy> policies(List<String> specs, TrafficShape shape) {
        ServiceFacts f = report.facts();
        int needed = recommended.tasksFor((int) Math.ceil(shape.peak()), f.capacityPerTask());
        int min = Math.max(recommended.minTasks(), report.config().target().map(t -> t.min()).orElse(recommended.minTasks()));
        int max = Math.max(needed + 2, report.config().target().map(t -> t.max()).orElse(0));
        List<LabPolicy> out = new ArrayList<>();
        for (String spec : specs) out.add(LabPolicy.parse(spec, current, min, max));
        return out;
    }
}

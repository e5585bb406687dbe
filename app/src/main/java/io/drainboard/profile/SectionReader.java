package io.drainboard.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.profile.Profile.CallPrior;
import io.drainboard.profile.Profile.CallSettings;
import io.drainboard.profile.Profile.CallSource;
import io.drainboard.profile.Profile.CordonMethod;
import io.drainboard.profile.Profile.CordonSettings;
import io.drainboard.profile.Profile.DrainSettings;
import io.drainboard.profile.Profile.GuardSettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The sections a profile and each of its {@code services:} entries share (calls, cordon, callLength,
 * drain) plus guard. Each reads over a base, so a key left out of a service's section keeps the
 * profile-wide value; {@code at} is "" for the profile or {@code /services/NAME} for a service.
 */
final class SectionReader {
    private static final Duration MAX_PROTECTION = Duration.ofMinutes(2880); // UpdateTaskProtection limit

    private final FieldReader f;

    SectionReader(FieldReader f) {
        this.f = f;
    }

    /** A calls section at {@code at} (profile-wide "" or a service's path), over {@code base}. */
    CallSettings calls(JsonNode parent, String at, CallSettings base) {
        Optional<JsonNode> n = f.object(parent, at + "/calls");
        if (n.isEmpty()) return base;
        String p = at + "/calls";
        CallSource source = base.source();
        Optional<String> s = f.text(n.get(), p + "/source");
        if (s.isPresent()) {
            switch (s.get()) {
                case "livekit" -> source = CallSource.LIVEKIT;
                case "worker" -> source = CallSource.WORKER;
                case "cloudwatch" -> source = CallSource.CLOUDWATCH;
                case "none" -> source = CallSource.NONE;
                default -> f.problem(p + "/source", "unknown call source " + FieldReader.quoted(s.get())
                        + "; use livekit, worker, cloudwatch or none");
            }
        }
        String attribute = f.text(n.get(), p + "/taskAttribute").orElse(base.taskAttribute());
        String workerUrl = f.text(n.get(), p + "/workerUrl").orElse(base.workerUrl());
        if (!workerUrl.matches("https?://.*\\{taskIp}.*")) {
            f.problem(p + "/workerUrl", "workerUrl must be an http:// URL template with {taskIp}, e.g. "
                    + CallSettings.DEFAULT_WORKER_URL);
        }
        Optional<Profile.CloudWatchCalls> cw = f.object(n.get(), p + "/cloudwatch").map(c -> new Profile.CloudWatchCalls(
                f.text(c, p + "/cloudwatch/namespace").orElse(""),
                f.text(c, p + "/cloudwatch/metric").orElse("agent_active_sessions"),
                f.text(c, p + "/cloudwatch/dimension").orElse("TaskId")));
        if (cw.isEmpty()) cw = base.cloudWatch();
        if (source == CallSource.CLOUDWATCH && cw.map(c -> c.namespace().isEmpty()).orElse(true)) {
            f.problem(p + "/source", "calls.source is cloudwatch but no namespace is set; add "
                    + "cloudwatch: {namespace: YourApp/Agents, metric: agent_active_sessions}");
        }
        return new CallSettings(source, attribute, workerUrl, cw);
    }

    CordonSettings cordon(JsonNode parent, String at, CordonSettings base) {
        Optional<JsonNode> n = f.object(parent, at + "/cordon");
        if (n.isEmpty()) return base;
        String p = at + "/cordon";
        CordonMethod method = base.method();
        Optional<String> m = f.text(n.get(), p + "/method");
        if (m.isPresent()) {
            switch (m.get()) {
                case "exec-signal" -> method = CordonMethod.EXEC_SIGNAL;
                case "http" -> method = CordonMethod.HTTP;
                case "none" -> method = CordonMethod.NONE;
                default -> f.problem(p + "/method", "unknown cordon method " + FieldReader.quoted(m.get())
                        + "; use exec-signal, http or none");
            }
        }
        String command = f.text(n.get(), p + "/command").orElse(base.command());
        Optional<String> container = f.text(n.get(), p + "/container").or(base::container);
        String drainUrl = f.text(n.get(), p + "/drainUrl").orElse(base.drainUrl());
        if (!drainUrl.matches("https?://.*\\{taskIp}.*")) {
            f.problem(p + "/drainUrl", "drainUrl must be an http:// URL template with {taskIp}, e.g. "
                    + CordonSettings.DEFAULT_DRAIN_URL);
        }
        return new CordonSettings(method, command, container, drainUrl);
    }

    CallPrior callLength(JsonNode parent, String at, CallPrior base) {
        Optional<JsonNode> n = f.object(parent, at + "/callLength");
        if (n.isEmpty()) return base;
        String p = at + "/callLength";
        Duration median = f.duration(n.get(), p + "/median", base.median(), Duration.ofSeconds(1), Duration.ofHours(24));
        Duration p99 = f.duration(n.get(), p + "/p99", base.p99(), Duration.ofSeconds(2), Duration.ofHours(48));
        if (p99.compareTo(median) <= 0) {
            f.problem(p, "callLength.p99 must be longer than the median (a lognormal needs median < p99), e.g. "
                    + "median: 4m, p99: 25m");
            return base;
        }
        return new CallPrior(median, p99);
    }

    DrainSettings drain(JsonNode parent, String at, DrainSettings base) {
        Optional<JsonNode> n = f.object(parent, at + "/drain");
        if (n.isEmpty()) return base;
        String p = at + "/drain";
        Duration deadline = f.duration(n.get(), p + "/deadline", base.deadline(), Duration.ofMinutes(1),
                Duration.ofHours(48));
        int budget = f.integer(n.get(), p + "/budget", base.budget(), 1, 100);
        double bar = f.number(n.get(), p + "/survivalBar", base.survivalBar(), 0.5, 0.999999,
                "the probability every call ends before the stop, e.g. 0.999");
        return new DrainSettings(deadline, budget, bar);
    }

    GuardSettings guard(JsonNode n) {
        GuardSettings d = GuardSettings.DEFAULT;
        Duration lease = f.duration(n, "/guard/lease", d.lease(), Duration.ofMinutes(1), MAX_PROTECTION);
        if (lease.toSeconds() % 60 != 0) {
            f.problem("/guard/lease", "guard.lease is set in whole minutes (task protection counts minutes)");
            lease = d.lease();
        }
        Duration renew = f.duration(n, "/guard/renewBefore", d.renewBefore(), Duration.ofSeconds(10), MAX_PROTECTION);
        Duration idle = f.duration(n, "/guard/idleHysteresis", d.idleHysteresis(), Duration.ZERO, Duration.ofHours(1));
        // Cordons busy tasks: only when written as true; an odd value is an error (FieldReader.bool), never a default.
        boolean chosen = f.bool(n, "/guard/chosenScaleIn", d.chosenScaleIn());
        if (renew.compareTo(lease) >= 0) {
            f.problem("/guard/renewBefore", "guard.renewBefore (" + FieldReader.show(renew) + ") must be shorter "
                    + "than guard.lease (" + FieldReader.show(lease) + ")");
            return d;
        }
        return new GuardSettings(lease, renew, idle, chosen, direct(n));
    }

    /**
     * {@code guard.scaling.direct}: it writes the desired count, so it is on only when written, and then every key is
     * required: a missing one is an error naming it, never a default (the lab's figures hold for the values it ran).
     */
    private Optional<Profile.DirectScaling> direct(JsonNode guard) {
        Optional<JsonNode> scaling = f.object(guard, "/guard/scaling");
        if (scaling.isEmpty()) return Optional.empty();
        Optional<JsonNode> d = f.object(scaling.get(), "/guard/scaling/direct");
        if (d.isEmpty()) {
            if (!scaling.get().has("direct")) f.problem("/guard/scaling", "guard.scaling needs direct: {scaleInAfter, lead, share}, or remove it");
            return Optional.empty();
        }
        int before = f.problems().size();
        for (String key : List.of("scaleInAfter", "lead", "share")) {
            if (!d.get().has(key)) f.problem("/guard/scaling/direct", "guard.scaling.direct." + key + " is required");
        }
        Duration after = f.duration(d.get(), "/guard/scaling/direct/scaleInAfter", Duration.ZERO, Duration.ofMinutes(1),
                Duration.ofHours(1));
        if (after.toSeconds() % 60 != 0) {
            f.problem("/guard/scaling/direct/scaleInAfter", "guard.scaling.direct.scaleInAfter is set in whole minutes"
                    + " (one reading a minute)");
        }
        Duration lead = f.duration(d.get(), "/guard/scaling/direct/lead", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
        double share = f.number(d.get(), "/guard/scaling/direct/share", Double.NaN, -1e-12, 0.9,
                "the share of the sessions kept idle, 0 to 0.9, e.g. 0.1");
        if (f.problems().size() > before) return Optional.empty();
        return Optional.of(new Profile.DirectScaling(after, lead, share));
    }
}

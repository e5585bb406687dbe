package io.drainboard.ui.model;

import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.InstanceSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.Profile;
import io.drainboard.ui.common.Formats;
import io.drainboard.ui.model.Readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The clocks that decide whether a call on an EC2 service survives, side by side, each checked against the
 * call-length tail it has to cover (the profile's p99). Pure logic. The facts:
 * <ul>
 * <li>stopTimeout: the container's value, else the agent's ECS_CONTAINER_STOP_TIMEOUT (default 30 s) on EC2
 * (Developer Guide, task definition parameters "stopTimeout"); a DRAINING instance, a deploy or StopTask
 * SIGKILLs the worker this long after SIGTERM;</li>
 * <li>the drain window: how long Drainboard's safe drain waits for a task's calls before it alerts (profile
 * {@code drain.deadline});</li>
 * <li>LiveKit drain_timeout: how long a worker drains after SIGTERM (3600 s by default, Python ≥ 1.6.5 and JS);</li>
 * <li>lifecycle hooks: a termination hook holds a leaving instance in Terminating:Wait for its heartbeat
 * timeout, extendable by heartbeats up to the global timeout (EC2 Auto Scaling User Guide, "Amazon EC2 Auto
 * Scaling lifecycle hooks"); without one, or past it, the instance is terminated with whatever runs on it.</li>
 * </ul>
 */
public final class ServiceClocks {
    /** One clock: its value and basis, and a warning when it is shorter than the calls it must cover. */
    public record Clock(String name, Optional<Duration> value, String basis, Optional<String> warning) {
        /** The clock as one line, its state in words (never by colour alone). */
        public String text() {
            return value.map(Formats::setting).orElse("none") + " (" + basis + ")"
                    + warning.map(w -> " — SHORT: " + w).orElse(" — ok");
        }
    }

    private ServiceClocks() {
    }

    public static List<Clock> of(ServiceSnapshot svc, FleetSnapshot s, Profile.ServicePolicy policy) {
        Duration tail = policy.callLength().p99();
        String tailText = "calls last up to " + Formats.setting(tail) + " (p99)";
        List<Clock> out = new ArrayList<>();
        TaskSnapshot sample = svc.tasks().stream().filter(t -> t.taskDefinitionArn().equals(svc.taskDefinitionArn()))
                .findFirst().orElse(svc.tasks().isEmpty() ? null : svc.tasks().get(0));
        Optional<StopTimeout> st = svc.stopTimeout().or(() -> Optional.ofNullable(sample).map(TaskSnapshot::stopTimeout));
        Optional<Duration> stop = st.map(x -> Duration.ofSeconds(x.seconds()));
        out.add(check("stopTimeout", stop, st.map(StopTimeout::basis).orElse("task definition not read"), tail,
                "ECS SIGKILLs the worker this long after SIGTERM (DRAINING instance, deploy, StopTask); " + tailText));
        out.add(check("Drain window", Optional.of(policy.drain().deadline()), "Drainboard drain deadline, " + policy.origin(),
                tail, "a safe drain alerts at its deadline before long calls end; " + tailText));
        out.add(check("LiveKit drain_timeout", Optional.of(Readiness.WORKER_DRAIN_DEFAULT), "LiveKit Agents default", tail,
                "the worker gives up draining and exits; " + tailText));
        hooks(svc, s, tail, tailText, out);
        return out;
    }

    private static void hooks(ServiceSnapshot svc, FleetSnapshot s, Duration tail, String tailText, List<Clock> out) {
        Set<String> tasks = svc.tasks().stream().map(TaskSnapshot::arn).collect(Collectors.toSet());
        Map<String, List<InstanceSnapshot.Hook>> byGroup = new LinkedHashMap<>();
        for (ClusterSnapshot c : s.clusters()) {
            if (!c.name().equals(svc.clusterName())) continue;
            for (InstanceSnapshot i : c.instances()) {
                if (i.autoScalingGroup().isEmpty() || i.taskArns().stream().noneMatch(tasks::contains)) continue;
                byGroup.putIfAbsent(i.autoScalingGroup().get(), i.hooks().stream().filter(InstanceSnapshot.Hook::onTermination)
                        .toList());
            }
        }
        for (Map.Entry<String, List<InstanceSnapshot.Hook>> e : byGroup.entrySet()) {
            if (e.getValue().isEmpty()) {
                out.add(new Clock("Termination hook of " + e.getKey(), Optional.empty(), "no termination lifecycle hook",
                        Optional.of("a scale-in terminates an unprotected instance at once, cutting its calls")));
                continue;
            }
            for (InstanceSnapshot.Hook h : e.getValue()) {
                String label = byGroup.size() > 1 ? h.name() + " of " + e.getKey() : h.name();
                out.add(check("Hook " + label + " heartbeat", Optional.of(h.heartbeatTimeout()), e.getKey()
                        + ", then " + h.defaultResult(), tail, "a leaving instance is held only this long unless heartbeats extend it; "
                        + tailText));
                out.add(check("Hook " + label + " global timeout", Optional.of(h.globalTimeout()), e.getKey()
                        + ", the most heartbeats can extend it", tail, "no heartbeat holds a leaving instance longer; " + tailText));
            }
        }
    }

    private static Clock check(String name, Optional<Duration> value, String basis, Duration tail, String why) {
        boolean shorter = value.map(v -> v.compareTo(tail) < 0).orElse(false);
        return new Clock(name, value, basis, shorter ? Optional.of(why) : Optional.empty());
    }

    /** The clocks with a warning, for counts and badges. */
    public static long shortOnes(List<Clock> clocks) {
        return clocks.stream().filter(c -> c.warning().isPresent()).count();
    }
}

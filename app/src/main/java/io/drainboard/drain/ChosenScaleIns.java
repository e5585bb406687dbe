package io.drainboard.drain;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scale-in of chosen tasks ({@link PendingScaleIn}) where the product waits on a protected scale-in: guard mode and
 * the guard service run one pass per service after their protection pass (docs/scaling.md, "Scale-in of chosen
 * tasks"). The busy surplus is cordoned through the service's cordon method (the product has no lean route to the
 * workers yet, so a chosen busy task is cordoned, one-way), and an idle chosen task is cordoned, then stopped
 * (StopTask, audited by {@link DrainEffects}) on a later pass whose reading was taken after the cordon was answered.
 * <p>
 * It runs on a service only when the service says how many sessions a task takes (the {@value #CAPACITY_TAG} tag, which
 * the session metrics need anyway) and its cordon method is the drain route (http): with none, a task idle in two
 * readings could take a call between the second and the StopTask; with exec-signal, a signal whose answer was lost
 * cannot be sent again (a second SIGTERM kills a LiveKit worker at once). Never on a reading that failed or is
 * partial (the caller does not call then), never a task whose calls are unknown or stale (left out of the choice; its
 * calls are counted as a full task's for what the service needs), never during a deployment.
 */
public final class ChosenScaleIns {
    /** The service tag that says how many sessions one of its tasks takes. */
    public static final String CAPACITY_TAG = "drainboard:sessions-per-task";
    /** The service tag with its scaling policy's target worker load, when not the recommended 0.7. */
    public static final String TARGET_TAG = "drainboard:target-load";
    /** The recommended policy's target (docs/scaling.md): the side that keeps more tasks. */
    public static final double DEFAULT_TARGET = 0.7;

    /** What the scale-in needs from the profile, per service. */
    public interface Setup {
        CordonMethod method(String cluster, String service);

        CutRisk risk(String cluster, String service);
    }

    /**
     * What one pass did.
     *
     * @param off why it did nothing on this service (empty when it ran)
     */
    public record Pass(List<String> cordoned, List<String> stopped, List<String> failed, Optional<String> off) {
        static Pass off(String why) {
            return new Pass(List.of(), List.of(), List.of(), Optional.of(why));
        }

        public boolean nothing() {
            return cordoned.isEmpty() && stopped.isEmpty() && failed.isEmpty();
        }
    }

    private record Seen(Instant at, int calls) {
    }

    private static final class State {
        Map<String, PendingScaleIn.Hold> held = new HashMap<>();
        final Map<String, Instant> cordonedAt = new HashMap<>();
        final ArrayDeque<Seen> recent = new ArrayDeque<>();
    }

    private final DrainEffects effects;
    private final Setup setup;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * @param effects answered at once (not {@link AsyncDrainEffects}): a stop must follow a cordon that was answered
     */
    public ChosenScaleIns(DrainEffects effects, Setup setup, Clock clock) {
        this.effects = effects;
        this.setup = setup;
        this.clock = clock;
    }

    /** The sessions a task holds and the target load, from the service's tags; empty with the reason when not usable. */
    static Optional<PendingScaleIn.Need> need(ServiceSnapshot s, StringBuilder why) {
        String cap = s.tags().getOrDefault(CAPACITY_TAG, "").trim();
        int capacity;
        try {
            capacity = Integer.parseInt(cap);
        } catch (NumberFormatException e) {
            why.append(cap.isEmpty() ? "no " + CAPACITY_TAG + " tag on the service"
                    : CAPACITY_TAG + " is not a whole number of sessions");
            return Optional.empty();
        }
        double target = DEFAULT_TARGET;
        String t = s.tags().get(TARGET_TAG);
        if (t != null) {
            try {
                target = Double.parseDouble(t.trim());
            } catch (NumberFormatException e) {
                target = Double.NaN;
            }
        }
        try {
            return Optional.of(new PendingScaleIn.Need(capacity, target));
        } catch (IllegalArgumentException e) {
            why.append(CAPACITY_TAG + " must be at least 1 and " + TARGET_TAG + " in (0, 1]");
            return Optional.empty();
        }
    }

    /**
     * One pass over a whole, good reading of the service.
     *
     * @param who "guard mode", "guard service": the audit reason's subject
     */
    public Pass pass(ServiceSnapshot s, Instant takenAt, String who) {
        StringBuilder why = new StringBuilder();
        Optional<PendingScaleIn.Need> need = need(s, why);
        if (need.isEmpty()) {
            states.remove(s.arn());
            return Pass.off(why.toString());
        }
        CordonMethod method = setup.method(s.clusterName(), s.name());
        if (method != CordonMethod.HTTP) {
            states.remove(s.arn());
            return Pass.off("the service's cordon method is not the drain route (http): a chosen task cannot be kept"
                    + " from new calls, or (exec-signal) a signal whose answer was lost cannot be sent again safely");
        }
        State st = states.computeIfAbsent(s.arn(), a -> new State());
        int running = 0, calls = 0;
        List<TaskSnapshot> known = new ArrayList<>();
        for (TaskSnapshot t : s.tasks()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) continue;
            running++;
            if (t.calls().known()) {
                known.add(t);
                calls += t.calls().count();
            } else {
                calls += need.get().sessionsPerTask(); // unknown: counted full, so it never makes a surplus
            }
        }
        st.recent.addLast(new Seen(takenAt, calls));
        while (!st.recent.isEmpty() && st.recent.peekFirst().at().isBefore(takenAt.minus(PendingScaleIn.Need.WINDOW))) {
            st.recent.removeFirst();
        }
        int peak = st.recent.stream().mapToInt(Seen::calls).max().orElse(calls);
        List<String> runningArns = s.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())
                && "RUNNING".equals(t.desiredStatus())).map(TaskSnapshot::arn).toList();
        st.held.keySet().retainAll(runningArns); // the others stopped
        st.cordonedAt.keySet().retainAll(st.held.keySet());
        List<String> knownArns = known.stream().map(TaskSnapshot::arn).toList();
        if (!knownArns.containsAll(st.held.keySet())) {
            // A task held back has no current call count: nothing is chosen or stopped until it has one again.
            return Pass.off("a chosen task's calls are unknown in this reading");
        }
        if (st.held.isEmpty() && PendingScaleIn.surplus(s.desiredCount(), running, calls, peak, need.get()) == 0) {
            return new Pass(List.of(), List.of(), List.of(), Optional.empty());
        }
        CutRisk risk = setup.risk(s.clusterName(), s.name());
        List<PendingScaleIn.Task> tasks = new ArrayList<>();
        for (TaskSnapshot t : known) tasks.add(PendingScaleIn.Task.of(t, takenAt, risk));
        PendingScaleIn.Decision d = PendingScaleIn.decide(s.desiredCount(), running, tasks, st.held, need.get(), peak,
                false, s.deployments().size() > 1);
        Map<String, PendingScaleIn.Hold> next = new HashMap<>(d.held());
        List<String> cordoned = new ArrayList<>(), stopped = new ArrayList<>(), failed = new ArrayList<>();
        for (String arn : d.stop()) {
            Instant at = st.cordonedAt.get(arn);
            if (at == null || !takenAt.isAfter(at)) {
                // Read before the cordon was answered: a call may have come in since. Stopped on a later reading.
                next.put(arn, PendingScaleIn.Hold.CORDONED);
                continue;
            }
            DrainEffects.Result<Void> r = effects.stopTask(s.clusterName(), arn, who
                    + ": idle task chosen for the scale-in ECS is waiting to do (cordoned, and idle in a reading after)");
            if (r.ok()) stopped.add(arn);
            else failed.add(shortId(arn) + " stop: " + r.error().orElse("no answer"));
        }
        for (String arn : d.cordon()) {
            DrainEffects.Result<Void> r = effects.cordon(s.clusterName(), s.name(), arn, method, who
                    + ": task chosen for the scale-in ECS is waiting to do; stopped once idle");
            if (r.ok()) {
                cordoned.add(arn);
                st.cordonedAt.put(arn, clock.instant());
            } else {
                next.remove(arn); // not held: chosen again on the next pass
                failed.add(shortId(arn) + " cordon: " + r.error().or(r::sending).orElse("no answer"));
            }
        }
        st.held = next;
        st.cordonedAt.keySet().retainAll(next.keySet());
        return new Pass(cordoned, stopped, failed, Optional.empty());
    }

    /** Forgets a service (its guard switched off): its cordoned tasks stay cordoned and are left to ECS. */
    public void forget(String serviceArn) {
        states.remove(serviceArn);
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}

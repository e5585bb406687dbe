package io.drainboard.drain;

import io.drainboard.fleet.Protection;
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
import java.util.function.Function;

/**
 * The scale-in of chosen tasks ({@link PendingScaleIn}) where the product waits on a protected scale-in: guard mode and
 * the guard service run one pass per service after their protection pass, when the profile turns it on
 * ({@code guard.chosenScaleIn: true}; docs/scaling.md, "Scale-in of chosen tasks"). The surplus is cordoned through the
 * service's cordon method (the product has no lean route to the workers yet, so a chosen busy task is cordoned,
 * one-way). Once a reading taken after the cordon shows a chosen task idle, the pass <b>releases its scale-in
 * protection</b> and ECS's own waiting scale-in stops it: a guard never stops a task (no StopTask here, none in the
 * guard's IAM policy). ECS stops, among the service's unprotected tasks, one from the Availability Zone with the most
 * tasks, then the container instance with the most, and never a protected one
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection.html;
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html). So a release is made only while
 * the service runs more tasks than desired (else ECS stops nothing and the task would wait unprotected) and only when
 * every task with calls, or whose calls are unknown, is protected in the reading: then whichever unprotected task ECS
 * takes, it holds no call. A cordoned task takes no new call, so the time between the release and ECS's stop is no
 * window for one. A protection the guard does not hold (the worker's own, someone else's) is not released: a
 * self-protecting worker ends it itself once idle (docs/worker-snippets.md).
 * <p>
 * It runs on a service only when the service says how many sessions a task takes (the {@value #CAPACITY_TAG} tag, which
 * the session metrics need anyway) and its cordon method is the drain route (http): with exec-signal, a signal whose
 * answer was lost cannot be sent again (a second SIGTERM kills a LiveKit worker at once), and with none a chosen task
 * keeps taking calls. Never on a reading that failed or is partial (the caller does not call then), never a task whose
 * calls are unknown or stale (left out of the choice; its calls are counted as a full task's for what the service
 * needs), never during a deployment.
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
     * @param released chosen tasks, cordoned and idle, whose protection this pass released for ECS's scale-in
     * @param waiting  why chosen idle tasks were not released on this pass (empty when none waits)
     * @param off      why it did nothing on this service (empty when it ran)
     */
    public record Pass(List<String> cordoned, List<String> released, List<String> failed, Optional<String> waiting,
                       Optional<String> off) {
        static Pass off(String why) {
            return new Pass(List.of(), List.of(), List.of(), Optional.empty(), Optional.of(why));
        }

        public boolean nothing() {
            return cordoned.isEmpty() && released.isEmpty() && failed.isEmpty() && waiting.isEmpty();
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
     * @param effects answered at once (not {@link AsyncDrainEffects}): a release must follow a cordon that was answered
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
     * @param who    "guard mode", "guard service": the audit reason's subject
     * @param holder who holds each task's protection (only a guard's own is released)
     */
    public Pass pass(ServiceSnapshot s, Instant takenAt, String who, Function<TaskSnapshot, ProtectionHolder> holder) {
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
            // A task held back has no current call count: nothing is chosen or released until it has one again.
            return Pass.off("a chosen task's calls are unknown in this reading");
        }
        if (st.held.isEmpty() && PendingScaleIn.surplus(s.desiredCount(), running, calls, peak, need.get()) == 0) {
            return new Pass(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
        }
        CutRisk risk = setup.risk(s.clusterName(), s.name());
        List<PendingScaleIn.Task> tasks = new ArrayList<>();
        for (TaskSnapshot t : known) tasks.add(PendingScaleIn.Task.of(t, takenAt, risk));
        PendingScaleIn.Decision d = PendingScaleIn.decide(s.desiredCount(), running, tasks, st.held, need.get(), peak,
                false, s.deploying());
        Map<String, PendingScaleIn.Hold> next = new HashMap<>(d.held());
        List<String> cordoned = new ArrayList<>(), released = new ArrayList<>(), failed = new ArrayList<>();
        Optional<String> waiting = Optional.empty();
        Map<String, TaskSnapshot> byArn = new HashMap<>();
        for (TaskSnapshot t : known) byArn.put(t.arn(), t);
        Optional<String> exposed = exposed(s);
        for (String arn : d.stop()) {
            next.put(arn, PendingScaleIn.Hold.CORDONED); // held until ECS has stopped it
            Instant at = st.cordonedAt.get(arn);
            TaskSnapshot t = byArn.get(arn);
            if (at == null || !takenAt.isAfter(at)) continue; // read before the cordon was answered: a call may have come in
            if (t.protection().state() == Protection.State.OFF) continue; // unprotected already: ECS's to stop
            if (s.deploying()) {
                waiting = Optional.of("a deployment runs: " + shortId(arn) + " stays protected, cordoned, until it ends");
                continue;
            }
            if (running <= s.desiredCount()) {
                waiting = Optional.of("ECS waits to stop no task (running " + running + ", desired " + s.desiredCount()
                        + "): " + shortId(arn) + " stays protected, cordoned, until the next scale-in");
                continue;
            }
            if (exposed.isPresent()) {
                waiting = exposed; // the guard's protection pass protects it; released on a later reading
                continue;
            }
            ProtectionHolder h = holder.apply(t);
            if (!h.aGuardMayRelease()) {
                waiting = Optional.of(shortId(arn) + " is " + h.words() + ": left to its holder to release");
                continue;
            }
            DrainEffects.Result<Void> r = effects.release(s.clusterName(), arn, who
                    + ": idle task chosen for the scale-in ECS is waiting to do (cordoned, and idle in a reading after);"
                    + " released for ECS to stop");
            if (r.ok()) released.add(arn);
            else failed.add(shortId(arn) + " release: " + r.error().orElse("no answer"));
        }
        for (String arn : d.cordon()) {
            DrainEffects.Result<Void> r = effects.cordon(s.clusterName(), s.name(), arn, method, who
                    + ": task chosen for the scale-in ECS is waiting to do; released for it once idle");
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
        return new Pass(cordoned, released, failed, waiting, Optional.empty());
    }

    /**
     * A running task ECS could stop in place of the released one and that may hold calls: one with calls, or whose
     * calls are unknown, that is not protected in this reading. ECS picks among every unprotected task, not the one
     * released, so none such may be open when a release is made.
     */
    static Optional<String> exposed(ServiceSnapshot s) {
        for (TaskSnapshot t : s.tasks()) {
            if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) continue;
            boolean mayHaveCalls = !t.calls().known() || t.calls().count() > 0;
            if (mayHaveCalls && t.protection().state() != Protection.State.ON) {
                return Optional.of(shortId(t.arn()) + " may hold calls and is not protected: nothing is released until"
                        + " it is (ECS may stop any unprotected task)");
            }
        }
        return Optional.empty();
    }

    /** Forgets a service (its guard switched off): its cordoned tasks stay cordoned and are left to ECS. */
    public void forget(String serviceArn) {
        states.remove(serviceArn);
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}

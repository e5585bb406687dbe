package io.drainboard.sim.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The simulated fleet: clusters, services, tasks, workers and the calls on them, advanced as a
 * discrete-event simulation up to the clock's instant whenever anyone looks at it. One lock guards
 * everything; handlers run their whole request under it so every answer is a consistent picture.
 */
public final class FleetModel {
    private final Arns arns;
    private final Clock clock;
    private final SplittableRandom rng;
    private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    private final Map<String, TaskDefinitionState> taskDefinitions = new LinkedHashMap<>();
    private final Map<String, TaskState> tasksByArn = new HashMap<>();
    private final Map<String, CallState> callsByRoom = new LinkedHashMap<>();
    private final Map<ServiceState, Long> arrivalGeneration = new HashMap<>();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long sequence;
    private Instant now;
    private long callsStarted, callsEndedNormally, callsCut, callsUnserved;

    private record Scheduled(Instant at, long seq, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public FleetModel(Arns arns, Clock clock, long seed, Instant startAt) {
        this.arns = arns;
        this.clock = clock;
        this.rng = new SplittableRandom(seed);
        this.now = startAt;
    }

    public Arns arns() { return arns; }

    public Clock clock() { return clock; }

    /** Runs {@code f} on a model brought up to the clock's current instant, under the model lock. */
    public synchronized <T> T read(Function<FleetModel, T> f) {
        advanceTo(clock.instant());
        return f.apply(this);
    }

    /** Brings the simulation up to the clock's current instant. */
    public synchronized void sync() {
        advanceTo(clock.instant());
    }

    /** Processes every scheduled event up to {@code t} in time order. */
    public synchronized void advanceTo(Instant t) {
        Scheduled next;
        while ((next = queue.peek()) != null && !next.at.isAfter(t)) {
            queue.poll();
            now = next.at;
            next.action.run();
        }
        if (t.isAfter(now)) now = t;
    }

    /** The simulation's current instant (may trail the clock until the next {@link #sync}). */
    public synchronized Instant now() { return now; }

    private void schedule(Instant at, Runnable action) {
        queue.add(new Scheduled(at.isBefore(now) ? now : at, sequence++, action));
    }

    // ---------------------------------------------------------------- building the fleet

    public synchronized ClusterState addCluster(String name) {
        if (clusters.containsKey(name)) throw new IllegalArgumentException("duplicate cluster " + name);
        ClusterState c = new ClusterState(name, arns.cluster(name));
        clusters.put(name, c);
        return c;
    }

    public synchronized TaskDefinitionState registerTaskDefinition(String family, Integer revision, String cpu,
                                                                   String memory, String networkMode,
                                                                   List<String> compatibilities,
                                                                   List<ContainerDef> containers) {
        int rev = revision != null ? revision : latestRevision(family) + 1;
        String arn = arns.taskDefinition(family, rev);
        if (taskDefinitions.containsKey(arn)) throw new IllegalArgumentException("duplicate task definition " + arn);
        TaskDefinitionState td = new TaskDefinitionState(arn, family, rev, cpu, memory, networkMode, compatibilities,
                containers, now);
        taskDefinitions.put(arn, td);
        return td;
    }

    private int latestRevision(String family) {
        int max = 0;
        for (TaskDefinitionState td : taskDefinitions.values()) {
            if (td.family().equals(family)) max = Math.max(max, td.revision());
        }
        return max;
    }

    public synchronized ServiceState addService(ClusterState cluster, String name, String launchType,
                                                String taskDefinitionArn, int desiredCount, WorkerSpec worker,
                                                CallDurations durations, double arrivalRatePerSecond,
                                                List<String> availabilityZones, boolean enableExecuteCommand) {
        if (!taskDefinitions.containsKey(taskDefinitionArn)) {
            throw new IllegalArgumentException("unknown task definition " + taskDefinitionArn);
        }
        if (cluster.services.containsKey(name)) throw new IllegalArgumentException("duplicate service " + name);
        ServiceState s = new ServiceState(cluster, name, arns.service(cluster.name, name), launchType, now, worker);
        s.taskDefinitionArn = taskDefinitionArn;
        s.desiredCount = desiredCount;
        s.durations = durations;
        s.subnetsAzs = List.copyOf(availabilityZones);
        s.enableExecuteCommand = enableExecuteCommand;
        s.deployments.add(new DeploymentState("ecs-svc/" + digits(19), taskDefinitionArn, now, "PRIMARY",
                "COMPLETED", "ECS deployment ecs-svc completed."));
        cluster.services.put(name, s);
        setArrivalRate(s, arrivalRatePerSecond);
        return s;
    }

    public synchronized ContainerInstanceState addContainerInstance(ClusterState cluster, String availabilityZone,
                                                                    String instanceType) {
        String id = hex(32);
        ContainerInstanceState ci = new ContainerInstanceState(arns.containerInstance(cluster.name, id),
                "i-" + hex(17), availabilityZone, instanceType, now);
        cluster.instances.put(ci.arn, ci);
        return ci;
    }

    /** Places a task of the service that has been RUNNING since {@code startedAt}. */
    public synchronized TaskState addRunningTask(ServiceState service, Instant startedAt,
                                                 ContainerInstanceState instance) {
        String id = hex(32);
        String az = instance != null ? instance.availabilityZone
                : service.subnetsAzs.get(service.cluster.tasks.size() % service.subnetsAzs.size());
        String ip = "10.0." + rng.nextInt(1, 255) + "." + rng.nextInt(1, 255);
        Instant created = startedAt.minusSeconds(35 + rng.nextInt(40));
        TaskState t = new TaskState(id, arns.task(service.cluster.name, id), service.cluster, service,
                service.taskDefinitionArn, service.launchType, az, ip, instance, created,
                service.deployments.get(0).id);
        t.pullStartedAt = created.plusSeconds(8);
        t.pullStoppedAt = startedAt.minusSeconds(3);
        t.startedAt = startedAt;
        t.lastStatus = "RUNNING";
        t.desiredStatus = "RUNNING";
        service.cluster.tasks.put(t.arn, t);
        tasksByArn.put(t.arn, t);
        return t;
    }

    public synchronized void addServiceEvent(ServiceState s, Instant at, String message) {
        s.events.add(new ServiceEvent(java.util.UUID.nameUUIDFromBytes((s.arn + at + message).getBytes())
                .toString(), at, message));
    }

    // ---------------------------------------------------------------- hooks for other subsystems

    /**
     * Sets a service's desired count, as UpdateService or Application Auto Scaling do. The service
     * scheduler reacts to it (starting or stopping tasks) on its next pass.
     */
    public synchronized void setDesiredCount(ServiceState s, int desired) {
        if (desired < 0) throw new IllegalArgumentException("desiredCount must be >= 0");
        s.desiredCount = desired;
    }

    /**
     * An EC2 instance goes away under its tasks (ASG scale-in without protection, spot reclaim): every
     * task on it dies at once, cutting its calls.
     */
    public synchronized void terminateContainerInstance(ContainerInstanceState ci) {
        ci.status = "INACTIVE";
        ci.agentConnected = false;
        for (TaskState t : new ArrayList<>(ci == null ? List.<TaskState>of() : tasksOn(ci))) {
            cutCalls(t);
            t.lastStatus = "STOPPED";
            t.desiredStatus = "STOPPED";
            t.stopCode = "TerminationNotice";
            t.stoppedReason = "Host EC2 (instance " + ci.ec2InstanceId + ") terminated.";
            t.stoppedAt = now;
        }
    }

    private List<TaskState> tasksOn(ContainerInstanceState ci) {
        List<TaskState> out = new ArrayList<>();
        for (ClusterState c : clusters.values()) {
            for (TaskState t : c.tasks.values()) if (t.containerInstance == ci && !"STOPPED".equals(t.lastStatus)) out.add(t);
        }
        return out;
    }

    // ---------------------------------------------------------------- call traffic

    /** Calls arrive as a Poisson process; a new rate replaces the pending arrival. */
    public synchronized void setArrivalRate(ServiceState s, double perSecond) {
        s.arrivalRatePerSecond = perSecond;
        long gen = arrivalGeneration.merge(s, 1L, Long::sum);
        scheduleArrival(s, gen);
    }

    private void scheduleArrival(ServiceState s, long gen) {
        if (s.arrivalRatePerSecond <= 0) return;
        double gapSeconds = -Math.log(1 - rng.nextDouble()) / s.arrivalRatePerSecond;
        schedule(now.plusNanos((long) (gapSeconds * 1e9)), () -> {
            if (arrivalGeneration.get(s) != gen) return;
            dispatchCall(s);
            scheduleArrival(s, gen);
        });
    }

    /**
     * LiveKit dispatch: a random available worker, weighted by 1 − load (shared/reference/livekit.md §2;
     * livekit/livekit pkg/agent: workers at full load are not eligible). No worker free → the call is
     * not served.
     */
    private void dispatchCall(ServiceState s) {
        List<TaskState> candidates = new ArrayList<>();
        double total = 0;
        for (TaskState t : s.cluster.tasks.values()) {
            if (t.service == s && t.acceptsCalls()) {
                candidates.add(t);
                total += 1 - t.load();
            }
        }
        if (candidates.isEmpty() || total <= 0) {
            callsUnserved++;
            return;
        }
        double pick = rng.nextDouble() * total;
        TaskState chosen = candidates.get(candidates.size() - 1);
        for (TaskState t : candidates) {
            pick -= 1 - t.load();
            if (pick < 0) {
                chosen = t;
                break;
            }
        }
        startCall(chosen, now, s.durations.sample(rng));
    }

    /** Starts a call on a task; public so scenarios and tests can place calls deliberately. */
    public synchronized CallState startCall(TaskState task, Instant startedAt, Duration length) {
        String room = "call-" + hex(12);
        CallState call = new CallState(room, "RM_" + base62(12), "PA_" + base62(12), "agent-AJ_" + base62(12),
                task, startedAt, startedAt.plus(length));
        task.calls.put(room, call);
        callsByRoom.put(room, call);
        callsStarted++;
        schedule(call.endsAt(), () -> endCall(call));
        return call;
    }

    private void endCall(CallState call) {
        if (callsByRoom.remove(call.roomName()) == null) return; // already cut
        call.task().calls.remove(call.roomName());
        callsEndedNormally++;
    }

    /** SIGKILL on a task: every call on it is cut (the caller hears the line go dead). */
    synchronized int cutCalls(TaskState task) {
        int n = task.calls.size();
        for (CallState c : task.calls.values()) callsByRoom.remove(c.roomName());
        task.calls.clear();
        callsCut += n;
        return n;
    }

    /** Forgets what happened so far; used after a scenario's warm-up so ground truth starts at zero. */
    public synchronized void resetGroundTruth() {
        callsStarted = callsByRoom.size();
        callsEndedNormally = 0;
        callsCut = 0;
        callsUnserved = 0;
    }

    public synchronized GroundTruth groundTruth() {
        advanceTo(clock.instant());
        return new GroundTruth(callsStarted, callsEndedNormally, callsCut, callsUnserved, callsByRoom.size());
    }

    // ---------------------------------------------------------------- queries (call under the lock)

    public Collection<ClusterState> clusters() { return clusters.values(); }

    /** A cluster by name or ARN, as every ECS API accepts either. */
    public Optional<ClusterState> cluster(String nameOrArn) {
        String name = nameOrArn == null || nameOrArn.isEmpty() ? "default" : Arns.lastSegment(nameOrArn);
        return Optional.ofNullable(clusters.get(name));
    }

    public Optional<TaskState> task(String arn) { return Optional.ofNullable(tasksByArn.get(arn)); }

    public Collection<TaskDefinitionState> taskDefinitions() { return taskDefinitions.values(); }

    public Optional<TaskDefinitionState> taskDefinition(String arn) {
        return Optional.ofNullable(taskDefinitions.get(arn));
    }

    /** Live calls in room-creation order. */
    public Collection<CallState> calls() { return callsByRoom.values(); }

    public Optional<CallState> call(String roomName) { return Optional.ofNullable(callsByRoom.get(roomName)); }

    // ---------------------------------------------------------------- ids

    private String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        HexFormat hf = HexFormat.of();
        while (sb.length() < length) sb.append(hf.toHexDigits((byte) rng.nextInt(256)));
        return sb.substring(0, length);
    }

    private String digits(int length) {
        StringBuilder sb = new StringBuilder(length);
        sb.append(rng.nextInt(1, 10));
        while (sb.length() < length) sb.append(rng.nextInt(10));
        return sb.toString();
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private String base62(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(BASE62.charAt(rng.nextInt(62)));
        return sb.toString();
    }
}

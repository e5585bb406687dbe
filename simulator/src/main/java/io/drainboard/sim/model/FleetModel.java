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
import java.util.UUID;
import java.util.function.Function;

/**
 * The simulated fleet: clusters, services, tasks, workers and the calls on them, advanced as a
 * discrete-event simulation up to the clock's instant whenever anyone looks at it. One lock guards
 * everything; handlers run their whole request under it so every answer is a consistent picture.
 * The rules live in small collaborators: {@link TaskLifecycle}, {@link Workers}, {@link ServiceScheduler},
 * {@link Deployments}, {@link Protection}, {@link CallTraffic}. See docs/simulator.md "Model" for the API.
 */
public final class FleetModel {
    /** "Stopped tasks … appear … for at least 1 hour" (Developer Guide "Viewing stopped task errors"). */
    public static final Duration DEFAULT_STOPPED_TASK_RETENTION = Duration.ofHours(1);
    private static final int MAX_EVENTS_KEPT = 1000;

    private final Arns arns;
    private final Clock clock;
    private final SplittableRandom rng;
    /** Read-after-write lags draw from their own stream, so turning them on or off leaves the traffic as it was. */
    private final SplittableRandom lagRng;
    private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    private final Map<String, TaskDefinitionState> taskDefinitions = new LinkedHashMap<>();
    private final Map<String, TaskState> tasksByArn = new HashMap<>();
    private final Map<String, CallState> callsByRoom = new LinkedHashMap<>();
    private final Map<String, String> launchFailures = new HashMap<>();
    private final Map<String, ExecSession> execSessions = new LinkedHashMap<>();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long sequence;
    private Instant now;
    private Duration stoppedTaskRetention = DEFAULT_STOPPED_TASK_RETENTION;
    private boolean deferExecCommands;
    private Rules rules = Rules.DEFAULT;

    final CallTraffic traffic = new CallTraffic(this);
    final Workers workers = new Workers(this);
    final TaskLifecycle lifecycle = new TaskLifecycle(this);
    final ServiceScheduler scheduler = new ServiceScheduler(this);
    final Deployments deployments = new Deployments(this);
    final Protection protection = new Protection(this);
    final SelfProtection selfProtection = new SelfProtection(this);
    final Health health = new Health(this);
    final Tags tags = new Tags();

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
        this.lagRng = new SplittableRandom(seed ^ 0x1A6L);
        this.now = startAt;
    }

    public Arns arns() { return arns; }

    /** How the undocumented rules are read (harsh by default; a scenario's {@code rules:} changes them). */
    public synchronized Rules rules() { return rules; }

    public synchronized void setRules(Rules r) {
        if (r == null) throw new IllegalArgumentException("rules must not be null");
        rules = r;
    }

    /** One write's read-after-write lag: uniform in [0, rules.readAfterWriteLag], whole milliseconds. */
    public synchronized Duration drawReadAfterWriteLag() {
        long max = rules.readAfterWriteLag().toMillis();
        return max <= 0 ? Duration.ZERO : Duration.ofMillis(lagRng.nextLong(max + 1));
    }

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

    /** Runs {@code action} under the model lock when virtual time reaches {@code at} (scenario timelines). */
    public synchronized void at(Instant at, Runnable action) {
        schedule(at, action);
    }

    void schedule(Instant at, Runnable action) {
        queue.add(new Scheduled(at.isBefore(now) ? now : at, sequence++, action));
    }

    SplittableRandom rng() { return rng; }

    Map<String, CallState> callsByRoom() { return callsByRoom; }

    Duration stoppedTaskRetention() { return stoppedTaskRetention; }

    String launchFailure(String taskDefinitionArn) { return launchFailures.get(taskDefinitionArn); }

    /** Appends a service event at the current instant (DescribeServices shows the newest 100). */
    void event(ServiceState s, String message) {
        s.events.add(new ServiceEvent(UUID.nameUUIDFromBytes((s.arn + now + s.events.size() + message).getBytes())
                .toString(), now, message));
        if (s.events.size() > MAX_EVENTS_KEPT) s.events.subList(0, s.events.size() - MAX_EVENTS_KEPT).clear();
    }

    // ---------------------------------------------------------------- building the fleet

    public synchronized ClusterState addCluster(String name) {
        if (clusters.containsKey(name)) throw new IllegalArgumentException("duplicate cluster " + name);
        ClusterState c = new ClusterState(name, arns.cluster(name));
        clusters.put(name, c);
        return c;
    }

    /** RegisterTaskDefinition: the next revision of the family unless {@code revision} is given. */
    public synchronized TaskDefinitionState registerTaskDefinition(String family, Integer revision, String cpu,
                                                                   String memory, String networkMode,
                                                                   List<String> compatibilities,
                                                                   List<ContainerDef> containers) {
        return registerTaskDefinition(family, revision, cpu, memory, networkMode, compatibilities, containers, null);
    }

    /** The same, keeping the client's whole request ({@code document}) for DescribeTaskDefinition to echo. */
    public synchronized TaskDefinitionState registerTaskDefinition(String family, Integer revision, String cpu,
                                                                   String memory, String networkMode,
                                                                   List<String> compatibilities,
                                                                   List<ContainerDef> containers,
                                                                   com.fasterxml.jackson.databind.JsonNode document) {
        int rev = revision != null ? revision : latestRevision(family) + 1;
        String arn = arns.taskDefinition(family, rev);
        if (taskDefinitions.containsKey(arn)) throw new IllegalArgumentException("duplicate task definition " + arn);
        TaskDefinitionState td = new TaskDefinitionState(arn, family, rev, cpu, memory, networkMode, compatibilities,
                containers, now, document, "ACTIVE", null);
        taskDefinitions.put(arn, td);
        return td;
    }

    /**
     * DeregisterTaskDefinition: the revision becomes INACTIVE; running tasks and services keep it ("Existing
     * tasks and services that reference an INACTIVE task definition continue to run without disruption").
     */
    public synchronized TaskDefinitionState deregisterTaskDefinition(TaskDefinitionState td) {
        TaskDefinitionState out = td.active() ? td.withStatus("INACTIVE", now) : td;
        taskDefinitions.put(td.arn(), out);
        return out;
    }

    /** DeleteTaskDefinitions: an INACTIVE revision moves to DELETE_IN_PROGRESS (ECS removes it later). */
    public synchronized TaskDefinitionState deleteTaskDefinition(TaskDefinitionState td) {
        TaskDefinitionState out = td.withStatus("DELETE_IN_PROGRESS", now);
        taskDefinitions.put(td.arn(), out);
        return out;
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
        String id = "ecs-svc/" + digits(19);
        DeploymentState d = new DeploymentState(id, s, taskDefinitionArn, now, "PRIMARY", "COMPLETED",
                "ECS deployment " + id + " completed.");
        s.deployments.add(d);
        s.lastCompleted = d;
        cluster.services.put(name, s);
        traffic.setArrivalRate(s, arrivalRatePerSecond, null);
        return s;
    }

    public synchronized ContainerInstanceState addContainerInstance(ClusterState cluster, String availabilityZone,
                                                                    String instanceType) {
        return addContainerInstance(cluster, availabilityZone, instanceType, null);
    }

    private ContainerInstanceState addContainerInstance(ClusterState cluster, String availabilityZone, String instanceType,
                                                        String ec2InstanceId) {
        String id = hex(32);
        String ec2 = "i-" + hex(17); // drawn either way, so a given id leaves the random stream as it was
        ContainerInstanceState ci = new ContainerInstanceState(cluster, arns.containerInstance(cluster.name, id),
                ec2InstanceId != null ? ec2InstanceId : ec2, availabilityZone, instanceType, now);
        cluster.instances.put(ci.arn, ci);
        for (ServiceState s : cluster.services.values()) if ("EC2".equals(s.launchType)) scheduler.request(s);
        return ci;
    }

    /**
     * The instance's agent configuration: {@code ECS_CONTAINER_STOP_TIMEOUT} (null = default 30 s) and
     * {@code ECS_ENABLE_SPOT_INSTANCE_DRAINING}. Tasks placed afterwards use the stop timeout.
     */
    public synchronized void configureAgent(ContainerInstanceState ci, Duration stopTimeout, boolean spotInstanceDraining) {
        if (stopTimeout != null && stopTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ECS_CONTAINER_STOP_TIMEOUT must be at least 1s (the agent's minimum)");
        }
        ci.agentStopTimeout = stopTimeout;
        ci.spotInstanceDraining = spotInstanceDraining;
    }

    /** Places a task of the service's PRIMARY deployment that has been RUNNING since {@code startedAt}. */
    public synchronized TaskState addRunningTask(ServiceState service, Instant startedAt,
                                                 ContainerInstanceState instance) {
        String az = instance != null ? instance.availabilityZone
                : service.subnetsAzs.get(service.tasks.size() % service.subnetsAzs.size());
        Instant created = startedAt.minusSeconds(35 + rng.nextInt(40));
        TaskState t = newTask(service.cluster, service, service.deployments.get(0), service.taskDefinitionArn,
                service.launchType, instance, az, created);
        t.pullStartedAt = created.plusSeconds(8);
        t.pullStoppedAt = startedAt.minusSeconds(3);
        t.startedAt = startedAt;
        t.lastStatus = "RUNNING";
        t.desiredStatus = "RUNNING";
        health.alreadyHealthy(t);
        t.worker = WorkerState.SERVING;
        scheduler.request(service);
        return t;
    }

    /** A task started by RunTask, outside any service (no worker, no calls): PROVISIONING now. */
    public synchronized TaskState addStandaloneTask(ClusterState cluster, String taskDefinitionArn, String launchType,
                                                    ContainerInstanceState instance) {
        return addStandaloneTask(cluster, taskDefinitionArn, launchType, instance, null);
    }

    /** The same with RunTask/StartTask's {@code startedBy} (null: none). */
    public synchronized TaskState addStandaloneTask(ClusterState cluster, String taskDefinitionArn, String launchType,
                                                    ContainerInstanceState instance, String startedBy) {
        String az = instance != null ? instance.availabilityZone : arns.region() + "a";
        TaskState t = lifecycle.launch(cluster, null, null, taskDefinitionArn, launchType, instance, az);
        t.startedBy = startedBy;
        return t;
    }

    /**
     * CreateService: a new REPLICA service whose tasks the scheduler starts now. Its workers behave like the
     * scenario default (4 calls each, drain_timeout 1 h) and it gets no traffic until {@link #setArrivalRate}.
     */
    public synchronized ServiceState createService(ClusterState cluster, String name, String launchType,
                                                   String taskDefinitionArn, int desiredCount, List<String> azs,
                                                   boolean enableExecuteCommand) {
        ServiceState s = addService(cluster, name, launchType, taskDefinitionArn, desiredCount,
                new WorkerSpec(4, Duration.ofHours(1), name), new CallDurations(Duration.ofMinutes(4), Duration.ofMinutes(25)),
                0, azs, enableExecuteCommand);
        event(s, "(service " + name + ") has been created.");
        scheduler.request(s);
        return s;
    }

    /**
     * DeleteService: the service goes DRAINING, its desired count to 0 (the caller checked it was 0 unless
     * forced), its tasks are stopped as on scale-in, and it leaves the cluster when the last has stopped.
     */
    public synchronized void deleteService(ServiceState s) {
        s.status = "DRAINING";
        s.desiredCount = 0;
        traffic.setArrivalRate(s, 0, null);
        scheduler.request(s);
    }

    /** Called by the scheduler: a DRAINING service whose tasks have all stopped is gone. */
    void serviceDrained(ServiceState s) {
        s.status = "INACTIVE";
        s.cluster.services.remove(s.name);
    }

    /** DeleteCluster: the caller checked it holds no services, tasks or instances. */
    public synchronized void removeCluster(ClusterState c) {
        clusters.remove(c.name);
    }

    /** RegisterContainerInstance: the agent on an EC2 instance joins the cluster (ACTIVE, connected). */
    public synchronized ContainerInstanceState registerContainerInstance(ClusterState cluster, String ec2InstanceId,
                                                                         String availabilityZone, String instanceType) {
        return addContainerInstance(cluster, availabilityZone, instanceType, ec2InstanceId);
    }

    /**
     * DeregisterContainerInstance: the instance goes INACTIVE. With force its tasks are given up: ECS stops
     * tracking them ("Container instance deregistration forced by user") and the services replace them.
     */
    public synchronized void deregisterContainerInstance(ContainerInstanceState ci) {
        ci.status = "INACTIVE";
        ci.agentConnected = false;
        for (TaskState t : tasksOn(ci)) lifecycle.lostWithHost(t, "Container instance deregistration forced by user");
    }

    TaskState newTask(ClusterState c, ServiceState s, DeploymentState d, String taskDefinitionArn, String launchType,
                      ContainerInstanceState ci, String az, Instant createdAt) {
        TaskDefinitionState td = taskDefinitions.get(taskDefinitionArn);
        if (td == null) throw new IllegalArgumentException("unknown task definition " + taskDefinitionArn);
        String id = hex(32);
        String ip = "10.0." + rng.nextInt(1, 255) + "." + rng.nextInt(1, 255);
        TaskState t = new TaskState(id, arns.task(c.name, id), c, s, taskDefinitionArn, launchType, az, ip, ci,
                createdAt, d, s != null && s.enableExecuteCommand, StopTimeouts.effective(td, launchType, ci));
        t.ignoresSigterm = s != null && rng.nextDouble() < s.worker.ignoreSigtermFraction();
        c.tasks.put(t.arn, t);
        if (s != null) s.tasks.put(t.arn, t);
        tasksByArn.put(t.arn, t);
        return t;
    }

    /** Forgets a stopped task: it no longer shows in ListTasks or DescribeTasks. */
    void purge(TaskState t) {
        if (!t.stopped()) return;
        t.cluster.tasks.remove(t.arn);
        if (t.service != null) t.service.tasks.remove(t.arn);
        tasksByArn.remove(t.arn);
        tags.forget(t.arn);
    }

    public synchronized void addServiceEvent(ServiceState s, Instant at, String message) {
        s.events.add(new ServiceEvent(UUID.nameUUIDFromBytes((s.arn + at + message).getBytes()).toString(), at, message));
    }

    /** How long stopped tasks stay visible; ECS guarantees "at least 1 hour". */
    public synchronized void setStoppedTaskRetention(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("retention must be > 0");
        stoppedTaskRetention = d;
    }

    /** The load balancer target group's deregistration delay for the service's tasks (0 = no load balancer wait). */
    public synchronized void setDeregistrationDelay(ServiceState s, Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("deregistration delay must be >= 0");
        s.deregistrationDelay = d;
    }

    /**
     * Tasks of this task definition fail to start from now on with {@code reason} as their stoppedReason
     * (e.g. a CannotPullContainerError); null makes them start again.
     */
    public synchronized void failLaunches(String taskDefinitionArn, String reason) {
        if (reason == null) launchFailures.remove(taskDefinitionArn);
        else launchFailures.put(taskDefinitionArn, reason);
    }

    /**
     * Tasks of this task definition fail their health checks from now on (true) or pass them (false): with a
     * container health check they turn UNHEALTHY, behind a load balancer the target does; either way ECS
     * replaces them and the circuit breaker counts them. Without either, ECS cannot tell.
     */
    public synchronized void failHealthChecks(String taskDefinitionArn, boolean failing) {
        health.failChecks(taskDefinitionArn, failing);
    }

    // ---------------------------------------------------------------- ECS operations

    /** As UpdateService or Application Auto Scaling set it; the scheduler starts or stops tasks. */
    public synchronized void setDesiredCount(ServiceState s, int desired) {
        if (desired < 0) throw new IllegalArgumentException("desiredCount must be >= 0");
        updateService(s, ServiceUpdate.desiredCount(desired));
    }

    /**
     * UpdateService. Returns the deployment it started, or null when none was needed.
     *
     * @throws IllegalStateException with ECS's message when 5 deployments already exist
     */
    public synchronized DeploymentState updateService(ServiceState s, ServiceUpdate update) {
        if (update.taskDefinitionArn() != null && !taskDefinitions.containsKey(update.taskDefinitionArn())) {
            throw new IllegalArgumentException("unknown task definition " + update.taskDefinitionArn());
        }
        return deployments.update(s, update);
    }

    /**
     * StopTask: ECS deregisters the task, sends SIGTERM and SIGKILL after stopTimeout; stopCode
     * UserInitiated. A worker that already had a SIGTERM (ECS Exec) dies at once from this one.
     */
    public synchronized void stopTask(TaskState t, String reason) {
        lifecycle.ecsStop(t, TaskLifecycle.USER, reason == null || reason.isEmpty() ? "Task stopped by user" : reason);
    }

    /**
     * UpdateTaskProtection for tasks already resolved (unknown ones are the caller's MISSING failures).
     *
     * @throws IllegalArgumentException when enabling with expiresInMinutes outside 1–2880
     */
    public synchronized List<ProtectionResult> updateTaskProtection(List<TaskState> tasks, boolean enabled,
                                                                   Integer expiresInMinutes) {
        return protection.update(tasks, enabled, expiresInMinutes);
    }

    /**
     * The service's workers protect their own task through the ECS agent's endpoint (scenario {@code worker.selfProtect},
     * {@link SelfProtection}); null turns it off.
     */
    public synchronized void selfProtect(ServiceState s, SelfProtection.Settings settings) {
        selfProtection.enable(s, settings);
    }

    /** What the service's self-protecting workers asked the agent and how often it refused. */
    public synchronized SelfProtection.Stats selfProtectionStats(ServiceState s) {
        return selfProtection.stats(s);
    }

    /** GetTaskProtection for one task. */
    public synchronized ProtectionResult taskProtection(TaskState t) {
        return protection.get(t);
    }

    /**
     * A process inside the container sends SIGTERM to the worker (what ECS Exec's {@code kill -TERM 1}
     * does). ECS is not stopping the task, so no stopTimeout runs; the worker drains and exits on its own.
     */
    public synchronized void signalWorker(TaskState t) {
        workers.sigterm(t);
    }

    /**
     * ECS Exec: opens a session in the task's container. Only the service's signal command run in the
     * worker's container reaches the worker (a shell as PID 1 would swallow {@code kill -TERM 1},
     * docs/aws-facts.md#ecs-exec); any other command leaves the model as it is. The caller validates the request
     * (enableExecuteCommand, interactive, RUNNING) as ECS does. Unless {@link #deferExecCommands} is on,
     * the command takes effect now (no data channel needed).
     */
    public synchronized ExecSession executeCommand(TaskState t, String containerName, String command) {
        boolean signal = !deferExecCommands && runInContainer(t, containerName, command);
        ExecSession session = new ExecSession("ecs-execute-command-" + hex(17), "AAEAA" + base62(150), t.arn,
                containerName, command, now, signal);
        execSessions.put(session.sessionId(), session);
        return session;
    }

    /**
     * On: ExecuteCommand only opens the session, and the Session Manager data channel applies the
     * command when it runs it ({@link #runExecCommand}), as in ECS.
     */
    public synchronized void deferExecCommands(boolean on) {
        deferExecCommands = on;
    }

    /**
     * The data channel runs {@code command} (the session's, or a line typed in a shell session) in the
     * session's container. Returns whether the worker got a SIGTERM from it.
     */
    public synchronized boolean runExecCommand(String sessionId, String command) {
        ExecSession s = execSessions.get(sessionId);
        TaskState t = s == null ? null : tasksByArn.get(s.taskArn());
        return t != null && runInContainer(t, s.containerName(), command);
    }

    private boolean runInContainer(TaskState t, String containerName, String command) {
        if (t.service == null || command == null || t.worker == WorkerState.EXITED) return false;
        ContainerDef worker = StopTimeouts.workerContainer(taskDefinitions.get(t.taskDefinitionArn));
        boolean workerContainer = worker != null && worker.name().equals(containerName);
        if (!workerContainer || !normalize(command).equals(normalize(t.service.worker.signalCommand()))) return false;
        workers.sigterm(t);
        return true;
    }

    private static String normalize(String command) {
        String c = command.trim().replaceAll("\\s+", " ");
        if ((c.startsWith("'") && c.endsWith("'")) || (c.startsWith("\"") && c.endsWith("\""))) c = c.substring(1, c.length() - 1);
        return c;
    }

    /**
     * The worker's drain route (docs/worker-snippets.md): {@code server.drain()} — no new calls, no exit.
     * Returns false when the service's workers serve no drain route or the worker is not serving.
     */
    public synchronized boolean cordonWorker(TaskState t) {
        if (t.service == null || !t.service.worker.drainRoute()) return false;
        return workers.cordon(t);
    }

    /**
     * The lean route (docs/worker-snippets.md): for {@code ttl} the worker reports at least its lean load, so
     * LiveKit sends it fewer new calls while it stays available; a zero ttl ends the lean at once. The
     * worker-side expiry keeps a lean from outliving a console that died. False when the worker serves no
     * lean route or is not up (not started, exited); a cordoned or draining worker answers, but takes no
     * calls either way.
     */
    public synchronized boolean leanWorker(TaskState t, Duration ttl) {
        if (t.service == null || !t.service.worker.leanRoute()) return false;
        if (t.worker == WorkerState.STARTING || t.worker == WorkerState.EXITED) return false;
        t.leanUntil = ttl.isZero() ? null : now().plus(ttl);
        return true;
    }

    /**
     * UpdateContainerInstancesState: DRAINING makes the scheduler replace the instance's service tasks
     * (protection does not keep them); ACTIVE takes new tasks again.
     */
    public synchronized void setContainerInstanceStatus(ContainerInstanceState ci, String status) {
        if (!"ACTIVE".equals(status) && !"DRAINING".equals(status)) {
            throw new IllegalArgumentException("status must be ACTIVE or DRAINING");
        }
        if ("INACTIVE".equals(ci.status)) throw new IllegalStateException("container instance is INACTIVE");
        ci.status = status;
        for (ServiceState s : ci.cluster.services.values()) scheduler.request(s);
    }

    /**
     * An EC2 instance goes away under its tasks (ASG scale-in without protection, spot reclaim): every
     * task on it is lost at once, cutting its calls; the services replace them elsewhere.
     */
    public synchronized void terminateContainerInstance(ContainerInstanceState ci) {
        ci.status = "INACTIVE";
        ci.agentConnected = false;
        for (TaskState t : tasksOn(ci)) {
            lifecycle.lostWithHost(t, "Host EC2 (instance " + ci.ec2InstanceId + ") terminated.");
        }
    }

    /** Fargate Spot reclaims a task ({@link TaskLifecycle#spotInterrupt}). */
    public synchronized void interruptSpotTask(TaskState t) {
        if (!"FARGATE".equals(t.launchType)) throw new IllegalArgumentException("only a Fargate task has a Fargate Spot interruption");
        lifecycle.spotInterrupt(t);
    }

    /**
     * EC2 reclaims a Spot instance: the two-minute interruption notice, then the instance is terminated under its
     * tasks. With ECS_ENABLE_SPOT_INSTANCE_DRAINING the agent sets it DRAINING at the notice, so its service tasks
     * are replaced meanwhile (Developer Guide "Spot Instance draining"); a task still there at the end is lost.
     */
    public synchronized void interruptSpotInstance(ContainerInstanceState ci) {
        if ("INACTIVE".equals(ci.status)) return;
        if (ci.spotInstanceDraining) setContainerInstanceStatus(ci, "DRAINING");
        schedule(now.plus(TaskLifecycle.SPOT_NOTICE), () -> {
            if (!"INACTIVE".equals(ci.status)) terminateContainerInstance(ci);
        });
    }

    /** EC2 Auto Scaling SetInstanceProtection: kept in the model for the ASG to honour; ECS ignores it. */
    public synchronized void setInstanceProtection(ContainerInstanceState ci, boolean protectedFromScaleIn) {
        ci.protectedFromScaleIn = protectedFromScaleIn;
    }

    public synchronized Optional<ContainerInstanceState> containerInstanceByEc2Id(String ec2InstanceId) {
        for (ClusterState c : clusters.values()) {
            for (ContainerInstanceState ci : c.instances.values()) if (ci.ec2InstanceId.equals(ec2InstanceId)) return Optional.of(ci);
        }
        return Optional.empty();
    }

    /** The tasks on an instance that have not stopped yet. */
    public synchronized List<TaskState> tasksOn(ContainerInstanceState ci) {
        List<TaskState> out = new ArrayList<>();
        if (ci == null) return out;
        for (TaskState t : ci.cluster.tasks.values()) if (t.containerInstance == ci && !t.stopped()) out.add(t);
        return out;
    }

    // ---------------------------------------------------------------- tags

    public synchronized Map<String, String> tags(String arn) { return tags.of(arn); }

    /** @throws IllegalArgumentException for tags ECS would refuse */
    public synchronized void tagResource(String arn, Map<String, String> newTags) { tags.tag(arn, newTags); }

    public synchronized void untagResource(String arn, Collection<String> keys) { tags.untag(arn, keys); }

    /** Whether an ARN names a cluster, service, task, task definition or container instance of the model. */
    public synchronized boolean resourceExists(String arn) {
        if (tasksByArn.containsKey(arn) || taskDefinitions.containsKey(arn)) return true;
        for (ClusterState c : clusters.values()) {
            if (c.arn.equals(arn) || c.instances.containsKey(arn)) return true;
            for (ServiceState s : c.services.values()) if (s.arn.equals(arn)) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- call traffic

    /** Calls arrive as a Poisson process; a new rate replaces the pending arrival. */
    public synchronized void setArrivalRate(ServiceState s, double perSecond) {
        traffic.setArrivalRate(s, perSecond, s.dailyCurve);
    }

    /** As above, shaped by 24 hourly (UTC) multipliers; null for a flat rate. */
    public synchronized void setArrivalRate(ServiceState s, double perSecond, double[] dailyCurve) {
        if (dailyCurve != null && dailyCurve.length != 24) throw new IllegalArgumentException("dailyCurve needs 24 values");
        traffic.setArrivalRate(s, perSecond, dailyCurve);
    }

    /**
     * A LiveKit API call ends a call now: {@code cut} when the room is deleted or its agent removed (the caller
     * hears the line go dead), not when the caller is removed (the caller is gone: the call ended). False when
     * there is no such call.
     */
    public synchronized boolean endCall(String roomName, boolean cut) {
        CallState c = callsByRoom.get(roomName);
        if (c == null) return false;
        traffic.endNow(c, cut);
        return true;
    }

    /**
     * One call offered to the service now, lasting {@code length} once a worker takes it; when none is free the
     * caller waits up to {@code patience} (retried every second), then gives up. {@link #offers} says what became
     * of each. For replaying a given traffic (the scaling lab) instead of the Poisson arrivals.
     */
    public synchronized void offerCall(ServiceState s, Duration length, Duration patience) {
        traffic.offer(s, length, patience);
    }

    /** What became of the calls offered to {@code s} one by one. */
    public synchronized Offers.Snapshot offers(ServiceState s) {
        return s.offers.snapshot();
    }

    /** Callers offered to {@code s} who wait for a worker now (retried each second until their patience ends). */
    public synchronized int waitingCallers(ServiceState s) {
        return s.offers.waitingNow();
    }

    /** How long the service's workers load after their container starts before they take calls (zero: at once). */
    public synchronized void setWorkerWarmup(ServiceState s, Duration warmup) {
        if (warmup.isNegative()) throw new IllegalArgumentException("warm-up must not be negative");
        s.workerWarmup = warmup;
    }

    /** Starts a call on a task; public so scenarios and tests can place calls deliberately. */
    public synchronized CallState startCall(TaskState task, Instant startedAt, Duration length) {
        return traffic.start(task, startedAt, length);
    }

    // ---------------------------------------------------------------- ground truth

    /** Forgets fleet and per-service counts so far (after a scenario's warm-up); per-task counts stay. */
    public synchronized void resetGroundTruth() {
        traffic.total.reset(callsByRoom.size());
        traffic.unserved = 0;
        for (ClusterState c : clusters.values()) {
            for (ServiceState s : c.services.values()) {
                long live = 0;
                for (TaskState t : s.tasks.values()) live += t.calls.size();
                s.ledger.reset(live);
            }
        }
    }

    public synchronized GroundTruth groundTruth() {
        advanceTo(clock.instant());
        CallLedger l = traffic.total;
        return new GroundTruth(l.started, l.endedNormally, l.cut(), traffic.unserved, callsByRoom.size(),
                l.cutBySigkill, l.cutBySecondSignal, l.cutByInstanceTermination, l.cutByDrainTimeout, l.cutByRoomClosed);
    }

    /** What became of the calls a task carried, over its whole life (survives {@link #resetGroundTruth}). */
    public synchronized CallCounts callCounts(TaskState t) { return t.ledger.snapshot(); }

    /** The same for a service since the last reset. */
    public synchronized CallCounts callCounts(ServiceState s) { return s.ledger.snapshot(); }

    /** Live calls on a task now (what a per-task CloudWatch metric or the worker's active_jobs shows). */
    public synchronized int activeCalls(TaskState t) { return t.calls.size(); }

    /** Live calls per task id of the service's tasks that are not STOPPED. */
    public synchronized Map<String, Integer> activeCalls(ServiceState s) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (TaskState t : s.tasks.values()) if (!t.stopped()) out.put(t.id, t.calls.size());
        return out;
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

    String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        HexFormat hf = HexFormat.of();
        while (sb.length() < length) sb.append(hf.toHexDigits((byte) rng.nextInt(256)));
        return sb.substring(0, length);
    }

    String digits(int length) {
        StringBuilder sb = new StringBuilder(length);
        sb.append(rng.nextInt(1, 10));
        while (sb.length() < length) sb.append(rng.nextInt(10));
        return sb.toString();
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    String base62(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(BASE62.charAt(rng.nextInt(62)));
        return sb.toString();
    }
}

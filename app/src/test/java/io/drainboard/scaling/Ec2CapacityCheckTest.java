package io.drainboard.scaling;

import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.audit.AuditLog;
import io.drainboard.history.History;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.scaling.Finding.Kind;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EC2 capacity for the maximum, read through the real SDK clients from the simulator: the Auto Scaling group behind
 * the cluster's container instances (ECS ListContainerInstances / DescribeContainerInstances, EC2 Auto Scaling
 * DescribeAutoScalingInstances / DescribeAutoScalingGroups) and the task definition's CPU and memory. A scalable
 * target whose maximum the group cannot hold fires EC2_CAPACITY; its fix (UpdateAutoScalingGroup MaxSize) applied
 * through the real client silences it; a maximum the group holds is silent.
 */
class Ec2CapacityCheckTest {
    private static final String SCENARIO = """
            name: ec2-capacity
            seed: 11
            start: "2026-03-02T10:00:00Z"
            warmup: 20m
            clusters:
              - name: voice
                instances:
                  - {az: us-east-1a, type: c6i.xlarge, count: 2}
                  - {az: us-east-1b, type: c6i.xlarge, count: 1}
                services:
                  - name: dialer
                    launchType: EC2
                    desiredCount: 3
                    taskDefinition: {family: dialer, cpu: "1024", memory: "1024", containers: [{name: dialer, stopTimeout: 900}]}
                    worker: {capacity: 4}
                    traffic: {load: 0.5, median: 3m, p99: 15m}
            """;
    private static final String DIALER = "service/voice/dialer";
    @TempDir
    Path dir;
    private Simulator sim;
    private Console console;
    private ApplicationAutoScalingClient aas;

    @BeforeEach
    void open() throws Exception {
        Path scenario = Files.writeString(dir.resolve("ec2-capacity.yaml"), SCENARIO);
        sim = Simulator.start(Simulator.Options.virtual(scenario.toString()));
        console = Console.onSimulator(ProfileLoader.parse(Path.of("ec2.yaml"), "name: ec2\nregion: us-east-1\nsimulator:"
                + " {scenario: " + scenario + "}\ncalls: {source: worker}\ncallLength: {median: 3m, p99: 15m}\n"), sim);
        aas = SimClients.appAutoScaling(sim);
    }

    @AfterEach
    void close() {
        aas.close();
        console.close();
    }

    private void maxCapacity(int max) {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(DIALER)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(max));
    }

    private ReadinessReport check() {
        return new ReadinessCheck(console.profile(), console.aws(), History.none(sim.clock(), "not needed"), console.clock(),
                new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7)))
                .check(console.refresher().readOnce().service("voice", "dialer").orElseThrow());
    }

    @Test
    void aMaximumTheGroupCannotHoldFiresAndItsFixThroughEc2AutoScalingSilencesIt() {
        ScalingConfig.Ec2Capacity cap = check().config().ec2().orElseThrow(() -> new AssertionError("the group was read"));
        assertEquals("voice-asg", cap.group());
        assertEquals(4, cap.tasksPerInstance(), cap.basis()); // c6i.xlarge: 4096 CPU units ÷ 1024 a task (memory holds 7)
        int beyond = cap.maxTasks() + 5;
        maxCapacity(beyond);
        ReadinessReport r = check();
        Finding f = r.findings().stream().filter(x -> x.kind() == Kind.EC2_CAPACITY).findFirst()
                .orElseThrow(() -> new AssertionError("EC2_CAPACITY in " + r.findings()));
        assertTrue(f.measured().contains("Auto Scaling group voice-asg max " + cap.maxSize() + " instances × 4 tasks"), f.measured());
        assertTrue(f.measured().endsWith("< max capacity " + beyond), f.measured());
        int size = (int) Math.ceil(beyond / 4.0);
        assertEquals("aws autoscaling update-auto-scaling-group --auto-scaling-group-name voice-asg --max-size " + size, f.fix().cli());

        new FixApplier(console.profile(), console.aws(), new AuditLog(dir, sim.clock(), "ec2"))
                .apply(console.refresher().readOnce().service("voice", "dialer").orElseThrow().arn(), r, f, "");
        assertEquals(size, sim.autoScalingGroups().group("voice-asg").orElseThrow().max());
        ReadinessReport after = check();
        assertFalse(after.has(Kind.EC2_CAPACITY), after.findings().toString());
        assertEquals(size * 4, after.config().ec2().orElseThrow().maxTasks());
    }

    @Test
    void aMaximumTheGroupHoldsIsSilent() {
        ScalingConfig.Ec2Capacity cap = check().config().ec2().orElseThrow();
        maxCapacity(cap.maxTasks());
        ReadinessReport r = check();
        assertFalse(r.has(Kind.EC2_CAPACITY), r.findings().toString());
        assertTrue(r.notChecked().stream().noneMatch(n -> n.startsWith("EC2 capacity")), r.notChecked().toString());
        assertEquals(List.of(), r.findings().stream().filter(x -> x.kind() == Kind.EC2_CAPACITY).toList());
    }

    /**
     * The cluster's capacity provider, read through DescribeClusters and DescribeCapacityProviders: managed scaling off,
     * or a target capacity that leaves no spare instance, fires a warning with the update-capacity-provider fix; 80 % is
     * silent; a cluster without one says so under "not checked".
     */
    @Test
    void managedScalingAndTargetCapacityOfTheClustersCapacityProviderAreChecked() {
        maxCapacity(4);
        ReadinessReport none = check();
        assertTrue(none.notChecked().contains("EC2 managed scaling: the cluster has no capacity provider over voice-asg"),
                none.notChecked().toString());

        sim.autoScalingGroups().setCapacityProvider("voice-asg", "voice-ec2", true, 100, true, true);
        ReadinessReport full = check();
        ScalingConfig.CapacityProvider p = full.config().ec2().orElseThrow().provider().orElseThrow(() -> new AssertionError("read"));
        assertEquals(new ScalingConfig.CapacityProvider("voice-ec2", true, 100, true), p);
        Finding f = full.findings().stream().filter(x -> x.kind() == Kind.EC2_CAPACITY).findFirst()
                .orElseThrow(() -> new AssertionError("EC2_CAPACITY in " + full.findings()));
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertEquals("capacity provider voice-ec2 over voice-asg: managed scaling target capacity 100 % (0 % of the instances spare)",
                f.measured());
        assertEquals("aws ecs update-capacity-provider --name voice-ec2 --auto-scaling-group-provider"
                + " 'managedScaling={status=ENABLED,targetCapacity=80}'", f.fix().cli());

        sim.autoScalingGroups().setCapacityProvider("voice-asg", "voice-ec2", false, 100, false, false);
        ReadinessReport off = check();
        assertTrue(off.findings().stream().anyMatch(x -> x.kind() == Kind.EC2_CAPACITY
                && x.measured().equals("capacity provider voice-ec2 over voice-asg: managed scaling DISABLED")), off.findings().toString());

        sim.autoScalingGroups().setCapacityProvider("voice-asg", "voice-ec2", true, 80, true, true);
        ReadinessReport good = check();
        assertFalse(good.has(Kind.EC2_CAPACITY), good.findings().toString());
        assertTrue(good.notChecked().stream().noneMatch(n -> n.startsWith("EC2")), good.notChecked().toString());
    }
}

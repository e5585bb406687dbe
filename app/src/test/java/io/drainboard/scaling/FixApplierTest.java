package io.drainboard.scaling;

import io.drainboard.Console;
import io.drainboard.SimClients;
import io.drainboard.audit.AuditEntry;
import io.drainboard.audit.AuditLog;
import io.drainboard.drain.ReadOnlyException;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.history.History;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.scaling.Finding.Kind;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applying a readiness fix through the real Application Auto Scaling client against the simulator: it changes the
 * scalable target and the finding is gone on the next check; it is written to the audit log before anything is sent
 * (an audit log that cannot be written sends nothing); a read-only profile sends and writes nothing.
 */
class FixApplierTest {
    private static final Path SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios", "small-fleet.yaml");
    private static final String AGENT = "service/voice/agent";
    @TempDir
    Path data;
    private Simulator sim;
    private Console console;
    private ApplicationAutoScalingClient aas;

    private void open(boolean readOnly) throws Exception {
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO.toString()));
        console = Console.onSimulator(ProfileLoader.parse(Path.of("fix.yaml"), "name: fix\nregion: us-east-1\nsimulator:"
                + " {scenario: " + SCENARIO.toAbsolutePath() + "}\ncalls: {source: worker}\ncallLength: {median: 4m, p99: 20m}\n"
                + "readOnly: " + readOnly + "\n"), sim);
        aas = SimClients.appAutoScaling(sim);
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(8));
    }

    @AfterEach
    void close() {
        if (aas != null) aas.close();
        if (console != null) console.close();
    }

    private ServiceSnapshot agent() {
        return console.refresher().readOnce().service("voice", "agent").orElseThrow();
    }

    private ReadinessReport check() {
        return new ReadinessCheck(console.profile(), console.aws(), History.none(sim.clock(), "not needed"), console.clock(),
                new CheckSettings(Optional.of(4), Optional.empty(), Duration.ofDays(7))).check(agent());
    }

    private static Finding minBelowTwo(ReadinessReport r) {
        return r.findings().stream().filter(f -> f.kind() == Kind.MIN_BELOW_TWO).findFirst().orElseThrow();
    }

    private ScalableTarget target() {
        return aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceIds(AGENT)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)).scalableTargets().get(0);
    }

    private long sent(String operation) {
        return sim.requests().snapshot().entrySet().stream().filter(e -> e.getKey().endsWith(":" + operation))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void aFixIsAuditedThenSentAndTheFindingIsGone() throws Exception {
        open(false);
        ReadinessReport before = check();
        Finding f = minBelowTwo(before);
        AuditLog audit = new AuditLog(data, sim.clock(), "fix");
        long registers = sent("RegisterScalableTarget");
        FixApplier.Applied done = new FixApplier(console.profile(), console.aws(), audit)
                .apply(agent().arn(), before, f, "CHG-42");
        assertEquals(List.of("register the scalable target of voice/agent with min 2 max 8"), done.done());
        assertEquals(registers + 1, sent("RegisterScalableTarget"));
        assertEquals(2, target().minCapacity());
        assertEquals(8, target().maxCapacity());
        assertFalse(check().has(Kind.MIN_BELOW_TWO), "the next check no longer finds it");

        List<AuditEntry> entries = audit.recent(10);
        assertEquals(2, entries.size(), entries.toString());
        assertEquals(AuditEntry.Phase.INTENT, entries.get(0).phase());
        assertEquals("scaling-fix MIN_BELOW_TWO", entries.get(0).action());
        assertEquals(List.of("voice/agent"), entries.get(0).targets());
        assertEquals("CHG-42", entries.get(0).reason());
        assertEquals("register the scalable target of voice/agent with min 2 max 8", entries.get(0).parameters().get("change1"));
        assertEquals(AuditEntry.Phase.RESULT, entries.get(1).phase());
        assertEquals("ok", entries.get(1).outcome());
    }

    @Test
    void anAuditLogThatCannotBeWrittenSendsNothing() throws Exception {
        open(false);
        ReadinessReport r = check();
        Path notADirectory = Files.writeString(data.resolve("file"), "x");
        AuditLog audit = new AuditLog(notADirectory, sim.clock(), "fix");
        long registers = sent("RegisterScalableTarget");
        assertThrows(UncheckedIOException.class, () -> new FixApplier(console.profile(), console.aws(), audit)
                .apply(agent().arn(), r, minBelowTwo(r), ""));
        assertEquals(registers, sent("RegisterScalableTarget"), "not audited, not sent");
        assertEquals(1, target().minCapacity());
    }

    @Test
    void aReadOnlyProfileSendsAndWritesNothing() throws Exception {
        open(true);
        ReadinessReport r = check();
        AuditLog audit = new AuditLog(data, sim.clock(), "fix");
        long registers = sent("RegisterScalableTarget");
        assertThrows(ReadOnlyException.class, () -> new FixApplier(console.profile(), console.aws(), audit)
                .apply(agent().arn(), r, minBelowTwo(r), ""));
        assertEquals(registers, sent("RegisterScalableTarget"));
        assertEquals(1, target().minCapacity());
        assertTrue(audit.recent(10).isEmpty(), "a refused action is not audited");
    }
}

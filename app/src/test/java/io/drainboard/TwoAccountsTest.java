package io.drainboard;

import io.drainboard.aws.AwsClients;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.ReadOnlyException;
import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One profile of two accounts, as users have them (each through its own AWS profile; here the simulator's access keys
 * stand for them): prod in two regions, writable, and staging, read-only. Every account and region is read and
 * labelled; an action goes to the account and region in its task's ARN; staging refuses every action, in the engine
 * and again in its own SDK clients, while prod beside it acts.
 */
class TwoAccountsTest {
    static final String SCENARIO = TwoRegionsTest.SCENARIO;
    static final Scope PROD_US = new Scope("111111111111", "us-east-1");
    static final Scope PROD_EU = new Scope("111111111111", "eu-west-1");
    static final Scope STAGING = new Scope("222222222222", "us-east-1");

    @TempDir
    Path data;
    private final String before = System.getProperty("drainboard.dataDir");
    private Simulator sim;
    private Console console;

    @BeforeEach
    void open() {
        System.setProperty("drainboard.dataDir", data.toString());
        sim = Simulator.start(Simulator.Options.virtual(SCENARIO));
    }

    private Console console(String accounts) throws Exception {
        console = Console.onSimulator(ProfileLoader.parse(Path.of("org.yaml"), "name: org\n"
                + "simulator: {scenario: '" + SCENARIO + "'}\nrefresh: 5s\ncordon: {method: http}\n" + accounts), sim);
        return console;
    }

    private Console prodAndStaging() throws Exception {
        return console("accounts:\n"
                + "  - {name: prod, account: \"111111111111\", regions: [us-east-1, eu-west-1]}\n"
                + "  - {name: staging, account: \"222222222222\", regions: [us-east-1], readOnly: true}\n");
    }

    @AfterEach
    void close() {
        if (console != null) console.close();
        else sim.close();
        if (before == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", before);
    }

    private static TaskSnapshot runningTask(FleetSnapshot s, String account, String region) {
        return s.clusters().stream().filter(c -> c.account().equals(account) && c.region().equals(region))
                .flatMap(c -> c.services().stream()).flatMap(svc -> svc.tasks().stream())
                .filter(t -> "RUNNING".equals(t.lastStatus())).findFirst().orElseThrow();
    }

    @Test
    void everyAccountAndRegionIsReadAndLabelled() throws Exception {
        FleetSnapshot s = prodAndStaging().refresher().readOnce();
        assertTrue(s.errors().isEmpty(), s.errors().toString());
        assertEquals(List.of("prod · us-east-1/voice", "prod · eu-west-1/voice", "staging · us-east-1/staging"),
                s.clusters().stream().map(c -> c.where() + "/" + c.name()).toList());
        for (ClusterSnapshot c : s.clusters()) {
            String id = c.account().equals("staging") ? "222222222222" : "111111111111";
            assertTrue(c.arn().startsWith("arn:aws:ecs:" + c.region() + ":" + id + ":cluster/"), c.arn());
        }
        assertEquals(2 + 3 + 2 + 1, s.tasks().count());
        for (Scope scope : List.of(PROD_US, PROD_EU, STAGING)) {
            assertTrue(sim.requests().count(scope, "ecs", "ListClusters") > 0, scope + " was read there");
        }
    }

    @Test
    void aReadOnlyAccountRefusesActionsWhileTheWritableOneActs() throws Exception {
        FleetSnapshot s = prodAndStaging().refresher().readOnce();
        TaskSnapshot staging = runningTask(s, "staging", "us-east-1");
        TaskSnapshot prod = runningTask(s, "prod", "us-east-1");
        sim.requests().reset();

        ReadOnlyException refused = assertThrows(ReadOnlyException.class,
                () -> console.actions().protect("staging", List.of(staging.arn()), 30, "test"));
        assertTrue(refused.getMessage().contains("staging (222222222222) is read-only"), refused.getMessage());
        assertThrows(ReadOnlyException.class, () -> console.actions().drain("staging", "agent", staging.arn(), "test"));
        assertEquals(0, sim.requests().total(STAGING), "nothing was sent to staging: " + sim.requests().snapshotByScope());
        assertFalse(sim.fleet("222222222222", "us-east-1").model().<Boolean>read(m -> m.task(staging.arn()).orElseThrow()
                .isProtected()));

        // The same profile's writable account acts, in its own account and region.
        List<TaskProtectionGateway.Outcome> o = console.actions().protect("voice", List.of(prod.arn()), 30, "test");
        assertTrue(o.get(0).ok(), o.toString());
        assertEquals(1, sim.requests().count(PROD_US, "ecs", "UpdateTaskProtection"));
        assertEquals(0, sim.requests().count(STAGING, "ecs", "UpdateTaskProtection"));
        assertTrue(sim.fleet("111111111111", "us-east-1").model().<Boolean>read(m -> m.task(prod.arn()).orElseThrow()
                .isProtected()));
    }

    @Test
    void aReadOnlyAccountsClientsRefuseEveryMutationEvenWhereNoEngineAsked() throws Exception {
        FleetSnapshot s = prodAndStaging().refresher().readOnce();
        TaskSnapshot staging = runningTask(s, "staging", "us-east-1");
        AwsClients clients = console.aws().stream().filter(a -> a.target().account().orElse("").equals("222222222222"))
                .findFirst().orElseThrow();
        sim.requests().reset();
        SdkException e = assertThrows(SdkException.class, () -> clients.ecs().stopTask(b -> b.cluster("staging")
                .task(staging.arn()).reason("test")));
        assertTrue(e.getMessage().contains("StopTask not sent: account 222222222222 (us-east-1) is read-only"), e.getMessage());
        assertThrows(SdkException.class, () -> clients.readEcs().updateTaskProtection(b -> b.cluster("staging")
                .tasks(staging.arn()).protectionEnabled(true).expiresInMinutes(30)));
        assertEquals(0, sim.requests().total(STAGING));
        // Reads still go: the account is read, only never changed.
        assertEquals(1, clients.readEcs().describeTasks(b -> b.cluster("staging").tasks(staging.arn())).tasks().size());
        assertEquals("RUNNING", sim.fleet("222222222222", "us-east-1").model().read(m -> m.task(staging.arn()).orElseThrow()
                .desiredStatus()));
    }

    @Test
    void aFullRefreshOfSeveralAccountsAndRegionsSendsExactlyTheMinimum() throws Exception {
        // The organisation-scale fleet scaled down (docs/benchmarks.md runs the 50,000 tasks): 2 accounts x 3 regions.
        sim.close();
        sim = Simulator.start(Simulator.Options.virtual(Path.of("..", "simulator", "src", "test", "resources", "scenarios",
                "org-small.yaml").toString()));
        console = Console.onSimulator(ProfileLoader.parse(Path.of("org.yaml"), "name: org\nsimulator: {scenario: '"
                + Path.of("..", "simulator", "src", "test", "resources", "scenarios", "org-small.yaml") + "'}\naccounts:\n"
                + "  - {name: prod, account: \"111111111111\", regions: [us-east-1, eu-west-1, ap-southeast-2]}\n"
                + "  - {name: staging, account: \"222222222222\", regions: [us-east-1, eu-west-1, ap-southeast-2], readOnly: true}\n"),
                sim);
        java.util.Map<String, Long> minimum = io.drainboard.fleet.MinimumReads.of(sim);
        sim.requests().reset();
        FleetSnapshot s = console.refresher().readOnce();
        assertTrue(s.errors().isEmpty(), s.errors().toString());
        assertEquals(6, s.clusters().size());
        assertEquals(6 * 180, s.tasks().count());
        assertEquals(minimum, sim.requests().snapshot(), "1.00 x the minimum, summed over the 6 accounts and regions");
        for (String account : List.of("111111111111", "222222222222")) {
            for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
                assertEquals(1, sim.requests().count(new Scope(account, region), "ecs", "ListClusters"), account + "/" + region);
            }
        }
    }

    @Test
    void credentialsThatReachAnotherAccountAreNeverShownAsTheProfilesAccount() throws Exception {
        // 333333333333 has no access key in the scenario: its requests land in the scenario's own account, 111111111111,
        // as credentials of the wrong AWS profile would reach the wrong account.
        FleetSnapshot s = console("accounts:\n"
                + "  - {name: prod, account: \"111111111111\", regions: [eu-west-1]}\n"
                + "  - {name: audit, account: \"333333333333\", regions: [us-east-1]}\n").refresher().readOnce();
        assertTrue(s.errors().stream().anyMatch(e -> e.contains("credentials of account audit reach account 111111111111")),
                s.errors().toString());
        assertEquals(List.of("prod · eu-west-1/voice"), s.clusters().stream().map(c -> c.where() + "/" + c.name()).toList());
    }
}

package io.drainboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.http.Scope;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.GroundTruth;
import io.drainboard.sim.model.TaskState;
import io.livekit.server.RoomServiceClient;
import livekit.LivekitModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One endpoint, several accounts and regions, as AWS: a request lands in the region its SigV4 signature names
 * and the account of its access key; each account and region has its own state, ARNs, request counts and
 * ground truth; LiveKit and the workers' endpoints serve every region.
 */
class RegionsTest {
    private static final String HOME = "111111111111";
    private static final String STAGING = "222222222222";
    private static final String STAGING_KEY = "AKIASTAGINGEXAMPLE01";
    private Simulator sim;
    private final List<EcsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("regions");
    }

    @AfterEach
    void stop() {
        clients.forEach(EcsClient::close);
        sim.close();
    }

    private EcsClient ecs(String region, String accessKey) {
        EcsClient c = EcsClient.builder().endpointOverride(sim.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        clients.add(c);
        return c;
    }

    @Test
    void eachAccountAndRegionHasItsOwnFleetAndArns() {
        assertEquals(List.of("arn:aws:ecs:us-east-1:" + HOME + ":cluster/voice"),
                ecs("us-east-1", "AKIDTEST").listClusters().clusterArns());
        assertEquals(List.of("arn:aws:ecs:eu-west-1:" + HOME + ":cluster/voice"),
                ecs("eu-west-1", "AKIDTEST").listClusters().clusterArns());
        assertEquals(List.of("arn:aws:ecs:us-east-1:" + STAGING + ":cluster/staging"),
                ecs("us-east-1", STAGING_KEY).listClusters().clusterArns());

        List<String> eu = ecs("eu-west-1", "AKIDTEST").listTasks(b -> b.cluster("voice").serviceName("agent")).taskArns();
        assertEquals(3, eu.size(), "eu-west-1 runs its own 3 agent tasks, not us-east-1's 2");
        assertTrue(eu.stream().allMatch(a -> a.startsWith("arn:aws:ecs:eu-west-1:" + HOME + ":task/voice/")), eu.toString());
        List<String> us = ecs("us-east-1", "AKIDTEST").listTasks(b -> b.cluster("voice").serviceName("agent")).taskArns();
        assertEquals(2, us.size());
        Set<String> ids = new java.util.HashSet<>();
        for (String a : eu) ids.add(a.substring(a.lastIndexOf('/') + 1));
        for (String a : us) assertTrue(ids.add(a.substring(a.lastIndexOf('/') + 1)), "task ids are unique across regions");
    }

    @Test
    void anArnOfAnotherRegionIsNotFoundHere() {
        assertThrows(ClusterNotFoundException.class, () -> ecs("eu-west-1", "AKIDTEST")
                .listTasks(b -> b.cluster("arn:aws:ecs:us-east-1:" + HOME + ":cluster/voice")));
    }

    @Test
    void aRegionTheScenarioDoesNotDescribeIsEmptyAsInAws() {
        assertEquals(List.of(), ecs("ap-south-1", "AKIDTEST").listClusters().clusterArns());
        assertEquals(List.of(), ecs("eu-west-1", STAGING_KEY).listClusters().clusterArns());
    }

    @Test
    void theRequestLogSaysWhereEachRequestLanded() throws Exception {
        ecs("eu-west-1", "AKIDTEST").listClusters();
        ecs("eu-west-1", "AKIDTEST").listClusters();
        ecs("us-east-1", STAGING_KEY).listClusters();
        assertEquals(2, sim.requests().count(new Scope(HOME, "eu-west-1"), "ecs", "ListClusters"));
        assertEquals(0, sim.requests().count(new Scope(HOME, "us-east-1"), "ecs", "ListClusters"));
        assertEquals(1, sim.requests().count(new Scope(STAGING, "us-east-1"), "ecs", "ListClusters"));
        assertEquals(3, sim.requests().count("ecs", "ListClusters"), "the totals count every region");
        JsonNode byRegion = new ObjectMapper().readTree(SimClients.get(sim, "/admin/requests?by=region").body());
        assertEquals(2, byRegion.path(HOME + "/eu-west-1").path("ecs:ListClusters").asLong(), byRegion.toString());
    }

    @Test
    void throttlingBucketsAreKeptPerAccountAndRegion() {
        sim.throttling().setEnabled(true);
        EcsClient eu = ecs("eu-west-1", "AKIDTEST");
        // Cluster read actions: bucket 50 (Request throttling for the Amazon ECS API); the clock does not move.
        for (int i = 0; i < 50; i++) eu.listClusters();
        assertThrows(software.amazon.awssdk.services.ecs.model.EcsException.class, eu::listClusters);
        assertEquals(1, ecs("us-east-1", "AKIDTEST").listClusters().clusterArns().size(),
                "us-east-1's bucket is its own");
    }

    @Test
    void groundTruthIsPerRegionAndInTotal() throws Exception {
        sim.advance(Duration.ofMinutes(10));
        long sum = 0;
        for (RegionalFleet f : sim.fleets()) {
            GroundTruth g = f.groundTruth();
            assertTrue(g.callsStarted() > 0, f.scope() + " carries calls");
            sum += g.callsStarted();
        }
        assertEquals(sum, sim.groundTruth().callsStarted());
        JsonNode truth = new ObjectMapper().readTree(SimClients.get(sim, "/admin/ground-truth").body());
        assertEquals(3, truth.path("regions").size());
        Set<String> where = new java.util.TreeSet<>();
        truth.path("services").forEach(s -> where.add(s.path("account").asText() + "/" + s.path("region").asText()
                + " " + s.path("cluster").asText() + "/" + s.path("service").asText()));
        assertEquals(Set.of(HOME + "/us-east-1 voice/agent", HOME + "/eu-west-1 voice/agent", HOME + "/eu-west-1 voice/dialer",
                STAGING + "/us-east-1 staging/agent"), where);
    }

    @Test
    void liveKitAndTheWorkersServeEveryRegion() throws Exception {
        RoomServiceClient rooms = RoomServiceClient.createClient(sim.endpoint().toString(), sim.liveKitApiKey(),
                sim.liveKitApiSecret());
        Set<String> regionsWithCalls = new java.util.TreeSet<>();
        for (LivekitModels.Room r : rooms.listRooms().execute().body()) {
            for (LivekitModels.ParticipantInfo p : rooms.listParticipants(r.getName()).execute().body()) {
                String arn = p.getAttributesMap().get("ecs.task_arn");
                if (arn != null) regionsWithCalls.add(arn.split(":")[3] + "/" + arn.split(":")[4]);
            }
        }
        assertEquals(Set.of("eu-west-1/" + HOME, "us-east-1/" + HOME, "us-east-1/" + STAGING), regionsWithCalls);

        TaskState euTask = sim.fleet("eu-west-1").model().read(m -> m.cluster("voice").orElseThrow().services()
                .get("agent").tasks().get(0));
        SimClients.Reply r = SimClients.get(sim, "/workers/" + euTask.id() + "/worker");
        assertEquals(200, r.status(), r.body());
        assertEquals(Set.of(), sim.fleets().stream().filter(f -> !f.model().arns().region().equals(f.region()))
                .collect(Collectors.toSet()));
    }
}

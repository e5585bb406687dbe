package io.drainboard.sim.conformance;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.model.CallCounts;
import io.drainboard.sim.model.ServiceState;
import io.drainboard.sim.model.TaskState;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One conformance simulator (scenarios/conformance.yaml, virtual time) and a real EcsClient on it, plus the
 * ground-truth reads the tests assert on.
 */
final class Fleet implements AutoCloseable {
    static final String CLUSTER = "voice";
    final Simulator sim;
    final EcsClient ecs;

    Fleet() {
        this("conformance");
    }

    Fleet(String testScenario) {
        try {
            sim = Simulator.start(Simulator.Options.virtual(
                    Path.of(Fleet.class.getResource("/scenarios/" + testScenario + ".yaml").toURI()).toString()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        // Conformance tests of other rules read their own writes at once; ReadAfterWriteLagTest turns the lag on.
        sim.model().setRules(sim.model().rules().withReadAfterWriteLag(Duration.ZERO));
        ecs = EcsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.of(sim.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    void advance(Duration d) {
        sim.clock().advance(d);
        sim.model().sync();
    }

    ServiceState service(String name) {
        return sim.model().read(m -> m.cluster(CLUSTER).orElseThrow().services().get(name));
    }

    /** The service's tasks that have not been told to stop, in launch order. */
    List<TaskState> liveTasks(String service) {
        return sim.model().read(m -> service(service).tasks().stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList());
    }

    void call(TaskState t, Duration length) {
        sim.model().read(m -> m.startCall(t, m.now(), length));
    }

    CallCounts counts(TaskState t) {
        return sim.model().read(m -> m.callCounts(t));
    }

    Task describe(TaskState t) {
        return ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(t.arn())).tasks().get(0);
    }

    Service describe(String service) {
        return ecs.describeServices(b -> b.cluster(CLUSTER).services(service)).services().get(0);
    }

    List<String> events(String service) {
        return describe(service).events().stream().map(e -> e.message()).toList();
    }

    /**
     * ECS Exec as a client would: ExecuteCommand, then the data channel runs the command. The channel
     * itself is tested end to end in sim.ssm and by the console's ExecSignal; here it is short-cut.
     */
    void execSigterm(TaskState t) {
        var r = ecs.executeCommand(b -> b.cluster(CLUSTER).task(t.arn()).interactive(true).command("kill -TERM 1"));
        sim.model().runExecCommand(r.session().sessionId(), "kill -TERM 1");
    }

    @Override
    public void close() {
        ecs.close();
        sim.close();
    }
}

package io.drainboard.guard;

import io.drainboard.drain.GuardLease;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two real guard processes ({@code drainboard guard}) against one standalone simulator running at wall-clock speed:
 * the first leads, the second stands by; {@code kill -9} of the leader (nothing resigns) and the second takes over once
 * the lease lapses; SIGTERM makes a guard resign its lease. Wall time: each guard refreshes every second with a 5 s
 * lease, and the test waits for each state it asserts (never for a fixed time).
 */
class GuardProcessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theStandbyTakesOverAfterKillDashNineOfTheLeader(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(Path.of(GuardRig.scenario("guard-scale-in.yaml")))
                .replaceAll("(?m)^start:.*$", "").replace("warmup: 60m", "warmup: 20m");
        Path scenario = dir.resolve("guard-proc.yaml");
        Files.writeString(scenario, yaml);
        try (Simulator sim = Simulator.start(new Simulator.Options(scenario.toString(), 0, false, 1.0))) {
            Path profile = dir.resolve("guard.yaml");
            Files.writeString(profile, String.join("\n", "name: guard-proc", "region: us-east-1",
                    "aws: {endpoint: \"" + sim.endpoint() + "\"}",
                    "livekit: {url: \"" + sim.endpoint() + "\", apiKeyEnv: GUARD_TEST_LK_KEY, apiSecretEnv: GUARD_TEST_LK_SECRET}",
                    "clusters: [voice]", "refresh: 1s", "readOnly: false", ""));
            String svc = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").arn());
            int portA = freePort(), portB = freePort();
            Guard a = Guard.start(dir, "a", profile, sim, portA);
            List<Guard> all = new ArrayList<>(List.of(a));
            try {
                await("the first guard leads", () -> a.said("leading as"), a);
                String idA = lease(sim, svc).orElseThrow().id();
                assertTrue(a.said(idA), a.output());
                Guard b = Guard.start(dir, "b", profile, sim, portB);
                all.add(b);
                await("the second stands by", () -> b.said("standing by, " + idA), b);
                assertEquals(200, get(portA, "/healthz").statusCode());
                assertTrue(get(portA, "/metrics").body().contains("drainboard_guard_leader{service=\"voice/agent\"} 1"));
                await("the standby answers too", () -> {
                    try {
                        return get(portB, "/metrics").body().contains("drainboard_guard_leader{service=\"voice/agent\"} 0");
                    } catch (Exception e) {
                        return false;
                    }
                }, b);

                long killedAt = System.nanoTime();
                a.process.destroyForcibly(); // SIGKILL: no shutdown hook, the lease stays until it lapses
                assertTrue(a.process.waitFor(10, TimeUnit.SECONDS));
                await("the standby takes over", () -> lease(sim, svc).map(l -> !l.id().equals(idA)).orElse(false)
                        && b.said("leading as"), b);
                Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
                // The log line comes a moment before the pass updates its gauges: wait for /metrics to say so.
                await("/metrics shows the new leader", () -> {
                    try {
                        return get(portB, "/metrics").body().contains("drainboard_guard_leader{service=\"voice/agent\"} 1");
                    } catch (Exception e) {
                        return false;
                    }
                }, b);
                System.out.println("guard takeover after kill -9: " + takeover.toMillis() + " ms (lease 5 s, refresh 1 s)");

                b.process.destroy(); // SIGTERM: the guard resigns its lease on the way out
                assertTrue(b.process.waitFor(30, TimeUnit.SECONDS), b.output());
                assertTrue(b.said("lease: resigned"), b.output());
                assertTrue(lease(sim, svc).isEmpty(), "the resigned lease is gone: " + lease(sim, svc) + "\n" + b.output());
                assertEquals(0, sim.requests().count("ecs", "StopTask"), "a guard never stops a task");
            } finally {
                for (Guard g : all) g.process.destroyForcibly();
            }
        }
    }

    private record Guard(Process process, Path log) {
        static Guard start(Path dir, String name, Path profile, Simulator sim, int port) throws IOException {
            Path log = dir.resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Ddrainboard.dataDir=" + dir.resolve("data-" + name),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "io.drainboard.Launcher", "guard", "--profile", profile.toString(),
                    "--port", Integer.toString(port), "--lease-ttl", "5s")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("GUARD_TEST_LK_KEY", sim.liveKitApiKey());
            pb.environment().put("GUARD_TEST_LK_SECRET", sim.liveKitApiSecret());
            return new Guard(pb.start(), log);
        }

        String output() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                return "";
            }
        }

        boolean said(String s) {
            return output().contains(s);
        }
    }

    private static Optional<GuardLease> lease(Simulator sim, String serviceArn) {
        return GuardLease.of(sim.model().tags(serviceArn));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(String what, BooleanSupplier done, Guard g) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (!g.process.isAlive()) fail(what + ": the guard exited " + g.process.exitValue() + ":\n" + g.output());
            if (System.nanoTime() > deadline) fail(what + ": not within " + PATIENCE + ":\n" + g.output());
            Thread.sleep(100); // real processes in wall time: wait for the state, never a fixed time
        }
    }
}

package io.drainboard.sim.agent;

import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import io.drainboard.sim.http.Scope;
import io.drainboard.sim.http.SimClients;
import io.drainboard.sim.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The self-protection snippets of docs/worker-snippets.md, run as written (Python and Node, when the machine has
 * them) against a task's agent endpoint on the simulator: a real worker process driving the real endpoint. The
 * driver sets the job count over stdin; the test waits for the protection state it expects (the snippets run in
 * wall time with short renew, hysteresis and retry periods).
 */
class WorkerSelfProtectionSnippetTest {
    private static final Path SNIPPETS = Path.of("..", "docs", "worker-snippets.md");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private Simulator sim;
    private TaskState task;

    @BeforeEach
    void start() {
        sim = SimClients.virtualTestScenario("small-fleet");
        task = sim.model().read(m -> m.cluster("voice").orElseThrow().services().get("agent").tasks().get(0));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** The fenced block of the docs whose first line is {@code firstLine}. */
    static String snippet(String fence, String firstLine) throws IOException {
        String doc = Files.readString(SNIPPETS);
        int at = doc.indexOf("```" + fence + "\n" + firstLine);
        if (at < 0) fail("docs/worker-snippets.md has no ```" + fence + " block starting with " + firstLine);
        int from = doc.indexOf('\n', at) + 1;
        return doc.substring(from, doc.indexOf("```", from));
    }

    @Test
    void pythonSnippet(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SimClients.onPath("python3"), "python3 is not installed");
        Files.writeString(dir.resolve("task_protection.py"), snippet("python", "# task_protection.py"));
        Files.writeString(dir.resolve("driver.py"), """
                import asyncio, logging, sys
                import task_protection as tp
                logging.basicConfig(level=logging.WARNING)
                jobs = 0
                async def main():
                    global jobs
                    tp.TaskProtection(lambda: jobs).start()
                    loop = asyncio.get_running_loop()
                    while True:
                        line = await loop.run_in_executor(None, sys.stdin.readline)
                        if not line or line.strip() == "quit":
                            return
                        jobs = int(line)
                asyncio.run(main())
                """);
        exercise(List.of("python3", "driver.py"), dir);
    }

    @Test
    void nodeSnippet(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SimClients.onPath("node"), "node is not installed");
        Files.writeString(dir.resolve("taskProtection.mjs"), snippet("js", "// taskProtection.mjs"));
        Files.writeString(dir.resolve("driver.mjs"), """
                import { protectWhileBusy } from './taskProtection.mjs';
                import readline from 'node:readline';
                let jobs = 0;
                protectWhileBusy(() => jobs);
                const rl = readline.createInterface({ input: process.stdin });
                rl.on('line', (line) => { if (line.trim() === 'quit') process.exit(0); jobs = Number(line); });
                rl.on('close', () => process.exit(0));
                """);
        exercise(List.of("node", "driver.mjs"), dir);
    }

    private void exercise(List<String> command, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().putAll(Map.of("ECS_AGENT_URI", sim.agentUri(task.arn()).toString(), "PROTECT_RENEW_S", "0.4",
                "PROTECT_HYSTERESIS_S", "0.6", "PROTECT_RETRY_S", "0.2", "PROTECT_TICK_S", "0.05"));
        Process p = pb.start();
        Scope scope = new Scope(sim.account(), sim.region());
        try (Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            assertTrue(sim.model().<Boolean>read(m -> task.protectionExpiresAt() == null), "unprotected before the first job");
            say(in, "1");
            await("protected on the first job", () -> sim.model().<Boolean>read(m -> task.protectionExpiresAt() != null), dir);
            assertEquals(sim.clock().instant().plus(Duration.ofMinutes(180)), sim.model().read(m -> task.protectionExpiresAt()));
            long first = sim.requests().count(scope, "ecs", "UpdateTaskProtection");
            await("renewed while busy", () -> sim.requests().count(scope, "ecs", "UpdateTaskProtection") >= first + 2, dir);
            // A refusal (throttled) is tried again; the release waits for the hysteresis and goes through once ECS answers.
            sim.faults().set("ecs:UpdateTaskProtection", new Faults.Rule(1, 0, 0, Duration.ZERO));
            say(in, "0");
            long refusedBefore = sim.requests().count(scope, "ecs", "UpdateTaskProtection");
            await("release tried again after a refusal",
                    () -> sim.requests().count(scope, "ecs", "UpdateTaskProtection") >= refusedBefore + 2, dir);
            assertTrue(sim.model().<Boolean>read(m -> task.protectionExpiresAt() != null), "still protected while ECS refuses");
            sim.faults().clear();
            await("released after the hysteresis", () -> sim.model().<Boolean>read(m -> task.protectionExpiresAt() == null), dir);
            say(in, "2");
            await("protected again on the next job", () -> sim.model().<Boolean>read(m -> task.protectionExpiresAt() != null), dir);
            say(in, "quit");
        } finally {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    private static void say(Writer in, String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    private static void await(String what, BooleanSupplier done, Path dir) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + PATIENCE + "; the snippet said: " + Files.readString(dir.resolve("out.log")));
            }
            Thread.sleep(20); // the snippet runs in wall time; this waits for the state, never for a fixed time
        }
    }
}

package io.drainboard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drainboard.sim.Simulator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The guard image ({@code mvn -B -Pimage -pl app -am package}, app/target/drainboard-guard-image.tar): its layout and
 * config as a registry would see them, and — as root, where {@code chroot} exists — its entrypoint run from the
 * extracted layers alone, first with {@code --help}, then as the guard against a simulator on 127.0.0.1 until it
 * leads. Skipped when the tarball has not been built (the normal test run does not build it).
 */
class GuardImageTest {
    private static final Path TAR = Path.of("target", "drainboard-guard-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImageHoldsTheRuntimeItsLibrariesAndTheAppAndItsEntrypointRunsTheGuard(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TAR), "no image tarball: build it with mvn -B -Pimage -pl app -am package");
        Map<String, byte[]> top = new HashMap<>();
        try (InputStream in = Files.newInputStream(TAR)) {
            for (Tar.Entry e : Tar.read(in)) if (e.file()) top.put(e.name(), e.data());
        }
        JsonNode manifest = JSON.readTree(top.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(top.get(manifest.get("Config").asText()));
        assertEquals("linux", config.get("os").asText());
        JsonNode c = config.get("config");
        List<String> entrypoint = new ArrayList<>();
        c.get("Entrypoint").forEach(x -> entrypoint.add(x.asText()));
        assertEquals("/opt/drainboard/java/bin/java", entrypoint.get(0));
        assertEquals(List.of("io.drainboard.Launcher", "guard"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertEquals("65534:65534", c.get("User").asText(), "an unprivileged user");
        assertTrue(c.get("Env").toString().contains("XDG_DATA_HOME=/tmp"), c.toString());
        assertTrue(c.get("ExposedPorts").has("9464/tcp"), c.toString());

        Path root = dir.resolve("root");
        Set<String> files = new HashSet<>();
        for (JsonNode layer : manifest.get("Layers")) extract(top.get(layer.asText()), root, files);
        for (String need : List.of("opt/drainboard/java/bin/java", "opt/drainboard/java/lib/server/libjvm.so",
                "opt/drainboard/java/lib/security/cacerts", "lib64/ld-linux-x86-64.so.2", "lib/x86_64-linux-gnu/libc.so.6",
                "etc/passwd", "app/classes/io/drainboard/Launcher.class", "etc/drainboard/profiles/aws-example.yaml")) {
            assertTrue(files.contains(need) || Files.exists(root.resolve(need)), "the image has " + need);
        }
        assertTrue(files.stream().anyMatch(f -> f.startsWith("app/libs/") && f.contains("ecs-")), "the AWS SDK is on the class path");
        assertTrue(files.stream().noneMatch(f -> f.contains("libX11")), "no X11: the guard opens no window");
        System.out.printf("guard image: %d files, %.1f MB compressed%n", files.size(), Files.size(TAR) / 1e6);

        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/chroot"))
                && Files.isExecutable(Path.of("/usr/bin/unshare")), "running the entrypoint needs root, chroot and unshare");
        // As a container runtime does: a private mount and pid namespace with /proc mounted (the loader finds the
        // runtime's libraries through $ORIGIN, which it reads from /proc/self/exe), the image's user and environment.
        Files.createDirectories(root.resolve("proc"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc=" + root.resolve("proc"), "/usr/sbin/chroot", "--userspec=" + c.get("User").asText(), root.toString()));
        cmd.addAll(entrypoint);
        Map<String, String> env = new HashMap<>();
        c.get("Env").forEach(x -> env.put(x.asText().substring(0, x.asText().indexOf('=')), x.asText().substring(x.asText().indexOf('=') + 1)));
        ProcessBuilder helpPb = new ProcessBuilder(concat(cmd, "--help")).redirectErrorStream(true);
        helpPb.environment().clear();
        helpPb.environment().putAll(env);
        Process help = helpPb.start();
        String out = new String(help.getInputStream().readAllBytes());
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), out);
        assertTrue(out.contains("usage: drainboard guard"), out);

        try (Simulator sim = Simulator.start(Simulator.Options.virtual(GuardRig.scenario("guard-scale-in.yaml")))) {
            Files.writeString(root.resolve("tmp/guard.yaml"), String.join("\n", "name: image", "region: us-east-1",
                    "aws: {endpoint: \"" + sim.endpoint() + "\"}",
                    "livekit: {url: \"" + sim.endpoint() + "\", apiKeyEnv: GUARD_LK_KEY, apiSecretEnv: GUARD_LK_SECRET}",
                    "clusters: [voice]", "refresh: 1s", "readOnly: false", ""));
            ProcessBuilder pb = new ProcessBuilder(concat(cmd, "--profile", "/tmp/guard.yaml", "--port", "0"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("guard.log").toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put("GUARD_LK_KEY", sim.liveKitApiKey());
            pb.environment().put("GUARD_LK_SECRET", sim.liveKitApiSecret());
            Process guard = pb.start();
            try {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!Files.readString(dir.resolve("guard.log")).contains("leading as")) {
                    if (!guard.isAlive() || System.nanoTime() > deadline) fail(Files.readString(dir.resolve("guard.log")));
                    Thread.sleep(200); // a real process in wall time: wait for the state
                }
            } finally {
                // unshare --fork ignores SIGTERM while it waits for its child: signal the guard itself (SIGTERM, so
                // it resigns), then make sure nothing of the tree outlives the test.
                List<ProcessHandle> tree = guard.descendants().toList();
                tree.forEach(ProcessHandle::destroy);
                guard.destroy();
                if (!guard.waitFor(30, TimeUnit.SECONDS)) {
                    tree.forEach(ProcessHandle::destroyForcibly);
                    guard.destroyForcibly();
                }
            }
        }
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    private static void extract(byte[] layer, Path root, Set<String> files) throws IOException {
        InputStream raw = new java.io.ByteArrayInputStream(layer);
        InputStream data = layer.length > 2 && layer[0] == (byte) 0x1f && layer[1] == (byte) 0x8b ? new GZIPInputStream(raw) : raw;
        for (Tar.Entry e : Tar.read(data)) {
            String name = e.name().replaceFirst("^\\./", "").replaceFirst("^/", "");
            if (name.isEmpty()) continue;
            Path p = root.resolve(name).normalize();
            if (!p.startsWith(root)) throw new IOException("entry outside the image: " + name);
            if (e.type() == '5') {
                Files.createDirectories(p);
                setMode(p, e.mode());
            } else if (e.type() == '2') {
                Files.createDirectories(p.getParent());
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, Path.of(e.link()));
            } else if (e.file()) {
                Files.createDirectories(p.getParent());
                Files.write(p, e.data());
                setMode(p, e.mode());
                files.add(name);
            }
        }
    }

    private static void setMode(Path p, int mode) throws IOException {
        Set<java.nio.file.attribute.PosixFilePermission> perms = new HashSet<>();
        java.nio.file.attribute.PosixFilePermission[] all = java.nio.file.attribute.PosixFilePermission.values();
        // OWNER_READ … OTHERS_EXECUTE, most significant bit first
        for (int i = 0; i < 9; i++) if ((mode & (1 << (8 - i))) != 0) perms.add(all[i]);
        Files.setPosixFilePermissions(p, perms);
    }
}

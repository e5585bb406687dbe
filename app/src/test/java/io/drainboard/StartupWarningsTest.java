package io.drainboard;

import io.drainboard.profile.StartupProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user sees on the terminal when the console starts the way {@code mvn -Pdemo verify} starts it (README):
 * JavaFX's platform jars on the module path with {@code --add-modules javafx.controls}, the app and its libraries on
 * the class path, the demo profile. A JVM of its own runs the real launcher up to the first fleet on screen (headless:
 * Monocle patched into javafx.graphics, as a module-path set-up needs it); its stderr has neither SLF4J's "No SLF4J
 * providers were found" (the simulator's WebSocket library logs through SLF4J; slf4j-jdk14 is its provider) nor
 * JavaFX's "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" (JavaFX on the class path).
 */
class StartupWarningsTest {

    @Test
    void theDemoStartsToItsFirstFleetWithoutAWarningOnTheTerminal(@TempDir Path dir) throws Exception {
        List<String> modules = new ArrayList<>(), classes = new ArrayList<>();
        String monocle = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.contains("openjfx-monocle")) monocle = entry;
            else if (entry.contains(File.separator + "org" + File.separator + "openjfx" + File.separator)) {
                if (name.endsWith("-linux.jar")) modules.add(entry); // the platform jars are the modules; the others are empty
            } else if (!name.startsWith("surefire")) classes.add(entry);
        }
        assertTrue(monocle != null && !modules.isEmpty(), "JavaFX and Monocle on the test class path: " + modules);
        Path probe = dir.resolve("startup.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modules), "--add-modules", "javafx.controls",
                "--patch-module", "javafx.graphics=" + monocle,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Djava.awt.headless=true",
                "-Djavafx.cachedir=" + dir.resolve("javafx-cache"), "-Ddrainboard.dataDir=" + dir.resolve("data"),
                "-D" + StartupProbe.PROPERTY + "=" + probe, "-Duser.home=" + dir,
                "-cp", String.join(File.pathSeparator, classes), "io.drainboard.Launcher",
                "--profile", Path.of("..", "profiles", "demo.yaml").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (p.isAlive() && System.nanoTime() < end
                    && !(Files.exists(probe) && Files.readString(probe).lines().anyMatch(l -> l.startsWith("first-fleet ")))) {
                Thread.sleep(200); // a separate JVM: nothing to wait on but its probe file
            }
            String started = Files.exists(probe) ? Files.readString(probe) : "";
            assertTrue(started.lines().anyMatch(l -> l.startsWith("first-fleet ")), "the demo reached its first fleet: "
                    + started + "\nstderr: " + Files.readString(err));
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertFalse(stderr.contains("SLF4J"), stderr);
        assertFalse(stderr.contains("Unsupported JavaFX configuration"), stderr);
        assertEquals(List.of(), Arrays.stream(stderr.split("\n")).filter(l -> l.contains("WARN")).toList(), stderr);
    }
}

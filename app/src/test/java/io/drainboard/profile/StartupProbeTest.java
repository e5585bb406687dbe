package io.drainboard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupProbeTest {
    @Test
    void writesEachEventOnceWithItsTimes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probe.txt");
        StartupProbe.mark("first-frame", file, 412, 1_700_000_000_412L);
        StartupProbe.mark("first-frame", file, 900, 1_700_000_000_900L);
        StartupProbe.mark("first-fleet", file, 1300, 1_700_000_001_300L);
        assertEquals(List.of("first-frame 412 1700000000412", "first-fleet 1300 1700000001300"), Files.readAllLines(file));
    }

    @Test
    void withoutThePropertyNothingIsWritten(@TempDir Path dir) {
        System.clearProperty(StartupProbe.PROPERTY);
        StartupProbe.mark("first-frame");
        assertEquals(0, dir.toFile().list().length);
    }

    @Test
    void withThePropertyTheTimeIsSinceJvmStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.txt");
        System.setProperty(StartupProbe.PROPERTY, file.toString());
        try {
            StartupProbe.mark("probe-test");
        } finally {
            System.clearProperty(StartupProbe.PROPERTY);
        }
        String[] f = Files.readString(file).trim().split(" ");
        assertEquals("probe-test", f[0]);
        assertTrue(Long.parseLong(f[1]) > 0, "the JVM started before the test ran");
        assertTrue(Math.abs(Long.parseLong(f[2]) - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void anUnwritableFileDoesNotThrow(@TempDir Path dir) {
        StartupProbe.mark("x", dir.resolve("missing-dir/probe.txt"), 1, 1);
        assertFalse(Files.exists(dir.resolve("missing-dir")));
    }
}

package io.drainboard.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Startup timestamps for the benchmark: with {@code -Ddrainboard.startupProbe=FILE}, the first
 * {@link #mark} of each event appends "event millis-since-JVM-start epoch-millis" to FILE. Without
 * the property it costs a property read. It never throws: a probe must not break a start. (The JVM's
 * own start time, not the process's: Linux gives the latter only to the second, through /proc/stat.)
 */
public final class StartupProbe {
    public static final String PROPERTY = "drainboard.startupProbe";
    private static final Set<String> SEEN = new HashSet<>();

    private StartupProbe() {
    }

    public static void mark(String event) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) return;
        long now = System.currentTimeMillis();
        long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        mark(event, Path.of(file), now - start, now);
    }

    static synchronized void mark(String event, Path file, long sinceStart, long epochMillis) {
        if (!SEEN.add(file + "\n" + event)) return;
        try {
            Files.writeString(file, event + " " + sinceStart + " " + epochMillis + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("drainboard: startup probe cannot write " + file + ": " + e.getMessage());
        }
    }
}

package io.drainboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Benchmarks and screenshot tours started from a main class write their audit log and history into a directory of
 * their own, never into the user's data directory (docs/operating.md, where the audit log lives): the test runs get one
 * from the build (surefire's drainboard.dataDir), a main class gets none, and a rollout benchmark once left a 36 MB
 * audit log in the home directory that every later start of the console read.
 */
public final class BenchData {
    private BenchData() {
    }

    /** Call first in a main: a fresh data directory unless one was given with -Ddrainboard.dataDir. */
    public static void isolate() {
        if (System.getProperty("drainboard.dataDir") != null) return;
        try {
            System.setProperty("drainboard.dataDir", Files.createTempDirectory("drainboard-bench").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

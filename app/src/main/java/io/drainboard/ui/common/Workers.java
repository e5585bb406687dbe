package io.drainboard.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The window's background threads: one named daemon thread per job, so engine calls and slow reads stay off
 * the FX thread, never keep the JVM alive after the window closes, and are easy to find in a thread dump.
 */
public final class Workers {
    private Workers() {
    }

    /** One daemon thread, jobs run in the order given. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(daemon(name));
    }

    public static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

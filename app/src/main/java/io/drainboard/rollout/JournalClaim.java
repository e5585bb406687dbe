package io.drainboard.rollout;

import io.drainboard.profile.ExitCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One engine process's hold on a service's rollouts in one data directory: an OS lock on
 * {@code rollouts/<cluster>_<service>.lock} ({@link FileChannel#tryLock}), held while the engine runs and released
 * by the OS when the process dies, so a second process on the same data directory is refused at once, before it
 * writes a line, instead of driving the same journal. The file says who holds it (pid, host, engine, since), for
 * the refusal to name. Engines of this JVM are also remembered, so that a lock tag naming an engine of this
 * process can be told alive or gone ({@link #alive}).
 */
final class JournalClaim implements AutoCloseable {
    private static final Set<String> ALIVE = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    private final String proc;

    private JournalClaim(FileChannel channel, FileLock lock, String proc) {
        this.channel = channel;
        this.lock = lock;
        this.proc = proc;
    }

    /**
     * Takes the service's lock file in {@code directory} for engine {@code proc}.
     *
     * @throws RolloutRefused REFUSED when another live process (or engine) holds it, CANNOT_WRITE when the
     *                        directory cannot be written
     */
    static JournalClaim take(Path directory, String serviceKey, String proc, String holder) {
        Path file = directory.resolve(serviceKey.replaceAll("[^A-Za-z0-9_.-]", "_") + ".lock");
        FileChannel ch;
        try {
            Files.createDirectories(directory);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new RolloutRefused(ExitCode.CANNOT_WRITE, "cannot write the rollout journal directory " + directory
                    + " (" + e.getMessage() + "): free disk space or fix permissions there (or point drainboard.dataDir"
                    + " elsewhere), then run again");
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException held) {
            lock = null; // an engine of this very process holds it
        } catch (IOException e) {
            close(ch);
            throw new RolloutRefused(ExitCode.CANNOT_WRITE, "cannot lock " + file + " (" + e.getMessage() + ")");
        }
        if (lock == null) {
            String who = whoHolds(file);
            close(ch);
            throw new RolloutRefused(ExitCode.REFUSED, "another Drainboard process is running the rollout of " + serviceKey
                    + " from this data directory (" + who + "); nothing was changed. Let it finish, or stop it (its"
                    + " journal lets the next run resume); a second engine would signal the same workers");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((holder + " since=" + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
        } catch (IOException e) {
            close(ch);
            throw new RolloutRefused(ExitCode.CANNOT_WRITE, "cannot write " + file + " (" + e.getMessage()
                    + "): free disk space or fix permissions there, then run again");
        }
        ALIVE.add(proc);
        return new JournalClaim(ch, lock, proc);
    }

    /** An engine of this process with this id holds a claim now (it has not ended, and the process did not "die"). */
    static boolean alive(String proc) {
        return ALIVE.contains(proc);
    }

    @Override
    public void close() {
        ALIVE.remove(proc);
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        close(channel);
    }

    private static String whoHolds(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "its lock file " + file + " is held" : s;
        } catch (IOException e) {
            return "its lock file " + file + " is held";
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}

package io.drainboard.rollout;

import io.drainboard.history.History;
import io.drainboard.history.HistorySettings;
import io.drainboard.profile.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets never touch disk or logs, past the profile too (profile.SecretHygieneTest covers loading and
 * credential resolution): a rollout's journal, the audit log, the history database, the log at level ALL and
 * everything printed are searched for the LiveKit secret that signed every request, and for any URL that
 * carries a user name or password. A profile whose drain URL carries a password is refused before anything is
 * printed or written.
 */
class RolloutSecretHygieneTest {
    /** A URL with userinfo, the form the http cordon's drainUrl was accepted in. */
    private static final Pattern URL_WITH_USERINFO = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#\\s@\"]*@");
    private static final String PASSWORD = "DrainPassw0rd5ecret";

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private Handler handler;
    private Level appLevel;
    private String dataDir;

    @BeforeEach
    void captureLogs() {
        handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                synchronized (logs) {
                    logs.writeBytes(format.format(r).getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        appLevel = Logger.getLogger("io.drainboard").getLevel();
        Logger.getLogger("io.drainboard").setLevel(Level.ALL);
        dataDir = System.getProperty("drainboard.dataDir");
        System.setProperty("drainboard.dataDir", tmp.resolve("data").toString());
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").removeHandler(handler);
        Logger.getLogger("io.drainboard").setLevel(appLevel);
        if (dataDir == null) System.clearProperty("drainboard.dataDir");
        else System.setProperty("drainboard.dataDir", dataDir);
    }

    @Test
    void aDrainUrlWithAPasswordIsRefusedBeforeAnythingIsPrintedOrWritten() throws Exception {
        Path profile = Files.writeString(tmp.resolve("pw.yaml"), "name: pw\nregion: us-east-1\nsimulator: {}\n"
                + "cordon:\n  method: http\n  drainUrl: \"http://drain:" + PASSWORD + "@{taskIp}:8081/drain\"\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HeadlessRollout.main(List.of("--rollout", "--profile", profile.toString(), "--service", "voice-prod/support-agent",
                "--task-definition", "support-agent:2", "--dry-run"), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertNotEquals(HeadlessRollout.OK, code, printed);
        assertTrue(printed.contains(profile + ":6: this URL carries a user name or password"), printed);
        List<String> leaks = new ArrayList<>(leaks("printed", printed, PASSWORD));
        leaks.addAll(leaksIn(tmp.resolve("data"), PASSWORD));
        leaks.addAll(leaks("log output", logs(), PASSWORD));
        assertEquals(List.of(), leaks);
    }

    @Test
    void noSecretReachesAJournalTheAuditLogTheHistoryOrAPrintedUrl() throws Exception {
        Path data = tmp.resolve("data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String secret;
        try (RolloutRig rig = new RolloutRig("rollout-small", "voice", "agent", Profile.CordonMethod.HTTP,
                data.resolve("rollouts"));
             History history = History.open(data, rig.sim.clock(), HistorySettings.DEFAULT)) {
            secret = rig.sim.liveKitApiSecret();
            rig.newRevision();
            int code = new HeadlessRollout(new PrintStream(out, true, StandardCharsets.UTF_8)).run(HeadlessRollout.Args.parse(
                    List.of("--rollout", "--profile", "p.yaml", "--service", "voice/agent", "--task-definition", "agent:2", "--max-parallel", "2")),
                    rig.wiring, d -> {
                        rig.sim.advance(d);
                        history.recorder().snapshot(rig.read());
                    });
            assertEquals(HeadlessRollout.OK, code, out.toString(StandardCharsets.UTF_8));
            assertTrue(history.flush(Duration.ofSeconds(30)), "history written");
        }
        List<Path> written = files(data);
        assertTrue(written.stream().anyMatch(f -> f.startsWith(data.resolve("rollouts"))), "a journal was written: " + written);
        assertTrue(written.stream().anyMatch(f -> f.getFileName().toString().equals(History.FILE_NAME)), written.toString());
        assertTrue(written.stream().anyMatch(f -> f.getFileName().toString().startsWith("audit")), written.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("http: POST http://"), "the preflight printed the drain URL:\n" + printed);
        List<String> leaks = new ArrayList<>(leaks("printed", printed, secret));
        leaks.addAll(leaksIn(data, secret));
        leaks.addAll(leaks("log output", logs(), secret));
        assertEquals(List.of(), leaks);
    }

    private String logs() {
        synchronized (logs) {
            return logs.toString(StandardCharsets.UTF_8);
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static List<String> leaksIn(Path dir, String secret) throws Exception {
        List<String> out = new ArrayList<>();
        for (Path f : files(dir)) out.addAll(leaks(f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1), secret));
        return out;
    }

    private static List<String> leaks(String where, String text, String secret) {
        List<String> out = new ArrayList<>();
        if (text.contains(secret)) out.add("the secret in " + where);
        var m = URL_WITH_USERINFO.matcher(text);
        if (m.find()) out.add("a URL with a user name or password in " + where + ": " + m.group());
        return out;
    }
}

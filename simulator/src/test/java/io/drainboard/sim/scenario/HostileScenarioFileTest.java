package io.drainboard.sim.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario path that points at something else ({@code ../../../../etc/passwd}, a binary, a directory, a
 * YAML file of another kind): one line naming the file and the problem, never the file's content, and only
 * {@link ScenarioException} leaves the loader.
 */
class HostileScenarioFileTest {
    private static final String MARK = "Secret0xC0ffee";

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAScenarioIsRefusedInOneLineWithoutItsContent() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("passwd", ("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:" + MARK + ":/usr/sbin:/usr/sbin/nologin\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put("notes.txt", ("these are notes " + MARK + "\n").repeat(50).getBytes(StandardCharsets.UTF_8));
        files.put("list.yaml", ("- " + MARK + "\n- b\n").getBytes(StandardCharsets.UTF_8));
        files.put("other.yaml", ("apiVersion: v1\nkind: Secret\ndata: {password: " + MARK + "}\n").getBytes(StandardCharsets.UTF_8));
        files.put("noclusters.yaml", ("name: " + MARK + "\nseed: 3\n").getBytes(StandardCharsets.UTF_8));
        files.put("badtype.yaml", ("name: t\nseed: " + MARK + "\nclusters: []\n").getBytes(StandardCharsets.UTF_8));
        files.put("broken.yaml", ("name: t\nclusters: [" + MARK + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("empty.yaml", new byte[0]);
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        files.put("binary.bin", binary);
        files.put("huge.yaml", ("# " + MARK + "\n" + "x".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8));
        List<String> paths = new ArrayList<>();
        for (var e : files.entrySet()) paths.add(Files.write(dir.resolve(e.getKey()), e.getValue()).toString());
        paths.add(dir.toString());                                // a directory
        paths.add(dir.resolve("missing.yaml").toString());
        paths.add("../../../../../../../../etc/passwd");          // the probe itself, where the machine has one
        paths.add("../../scenarios/demo");                        // no climbing out of the bundled scenarios
        paths.add("bad\0name");
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            try {
                ScenarioLoader.read(path);
                wrong.add(path + ": loaded");
            } catch (ScenarioException e) {
                String m = e.getMessage();
                if (m.contains("\n") || m.contains(MARK) || m.contains("root:x") || m.contains("password")) {
                    wrong.add(path + ": " + m);
                }
                if (!path.contains("\0") && !m.contains(path.length() > 60 ? path.substring(path.length() - 20) : path)) {
                    wrong.add(path + ": the message does not name the file: " + m);
                }
            } catch (RuntimeException e) {
                wrong.add(path + ": threw " + e.getClass().getName());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyScenarioOfTheRepositoryStillLoads() throws Exception {
        for (String name : new String[] {"demo", "incident", "large"}) {
            assertTrue(ScenarioLoader.read(name).clusters().size() > 0, name);
        }
        try (var files = Files.list(Path.of("src", "test", "resources", "scenarios"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertTrue(ScenarioLoader.read(f.toString()).clusters().size() > 0, f.toString());
            }
        }
    }

    @Test
    void aScenarioMissingWhatTheFleetIsBuiltFromIsRefusedBeforeBuilding() throws Exception {
        for (String services : new String[] {"[{desiredCount: 1}]", "[{name: a, desiredCount: 1}]",
                "[{name: a, desiredCount: -1, taskDefinition: {family: a, containers: [{name: a}]}}]",
                "[{name: a, taskDefinition: {containers: [{name: a}]}}]", "[{name: a, taskDefinition: {family: a}}]",
                "[{name: a, taskDefinition: {family: a, containers: [{image: x}]}}]", "[~]"}) {
            Path f = Files.writeString(dir.resolve("s.yaml"), "name: s\nclusters:\n  - name: c\n    services: " + services + "\n");
            ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.read(f.toString()), services);
            assertTrue(e.getMessage().contains("not a scenario file"), e.getMessage());
        }
    }
}

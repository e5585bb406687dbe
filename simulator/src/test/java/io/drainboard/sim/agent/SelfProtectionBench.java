package io.drainboard.sim.agent;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Self-protecting workers' lease against the strict reading of DEPLOYMENT_BLOCKED: the self-protect scenario (the
 * autoscaler's scale-in 8 → 3 and a native deploy, {@link SelfProtectionScenarioTest}) on seeds 1–12, without
 * self-protection and with leases of 60, 120 and 180 minutes; calls cut per run from the ground truth. Tag
 * {@code bench}, or run its main class; figures in docs/benchmarks.md ("Always-on protection").
 */
@Tag("bench")
class SelfProtectionBench {
    public static void main(String[] args) throws Exception {
        new SelfProtectionBench().leasesAgainstTheProtectedTaskLimit();
    }

    @Test
    void leasesAgainstTheProtectedTaskLimit() throws Exception {
        Path dir = Files.createTempDirectory("self-protect-bench");
        for (String rule : List.of("strict", "lenient")) {
            for (String value : List.of("false", "{lease: 60m}", "{lease: 120m}", "{lease: 180m}")) {
                long cut = 0, runsCut = 0;
                StringBuilder per = new StringBuilder();
                for (int seed = 1; seed <= 12; seed++) {
                    String yaml = Files.readString(SelfProtectionScenarioTest.variant(dir, value))
                            .replace("seed: 23", "seed: " + seed)
                            .replace("timeline:", "rules: {protectionLimit: " + rule + "}\ntimeline:");
                    Path p = dir.resolve("run.yaml");
                    Files.writeString(p, yaml);
                    SelfProtectionScenarioTest.Outcome o = SelfProtectionScenarioTest.run(p);
                    cut += o.cut();
                    if (o.cut() > 0) runsCut++;
                    per.append(' ').append(o.cut());
                }
                System.out.printf("%-7s selfProtect %-14s cut %3d calls in %2d of 12 seeds:%s%n", rule, value, cut, runsCut, per);
            }
        }
    }
}

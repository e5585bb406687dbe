package io.drainboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.drainboard.profile.IamPolicyGenerator;
import io.drainboard.profile.Profile;
import io.drainboard.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident profile opens history and backfills with read-only credentials, and can change nothing. */
class IncidentProfileTest {
    static final Path INCIDENT = Path.of("..", "profiles", "incident-readonly.yaml");

    @Test
    void itIsReadOnlyAndItsPolicyHoldsWhatBackfillReadsAndNothingThatWrites() throws Exception {
        Profile p = ProfileLoader.load(INCIDENT);
        assertTrue(p.readOnly());
        JsonNode policy = IamPolicyGenerator.operatorPolicy(p, true); // even asked for operator rights
        Set<String> granted = new TreeSet<>();
        policy.get("Statement").forEach(s -> s.get("Action").forEach(a -> granted.add(a.asText())));
        for (String read : new String[]{"ecs:ListServices", "ecs:DescribeServices", "ecs:ListTasks", "ecs:DescribeTasks",
                "cloudwatch:GetMetricData"}) {
            assertTrue(granted.contains(read), "backfill reads " + read + ": " + granted);
        }
        for (String a : granted) {
            String verb = a.substring(a.indexOf(':') + 1);
            assertTrue(verb.startsWith("List") || verb.startsWith("Describe") || verb.startsWith("Get"),
                    a + " granted to the incident profile");
        }
        assertFalse(granted.contains("ecs:StopTask"));
    }
}

package io.drainboard.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One way into a fleet: which AWS account/region (or the embedded simulator), where calls are counted,
 * how often to refresh, and what the operator may do. Profiles never contain secrets, only where to
 * find them (DEVELOPERS.md rule 7).
 */
public record Profile(String name, Path source, String description, List<String> regions,
                      Optional<SimulatorSettings> simulator, Optional<AwsSettings> aws,
                      Optional<LiveKitSettings> liveKit, CallSettings calls, Duration refreshInterval,
                      int maxConcurrency, boolean readOnly, boolean production, List<String> clusters) {

    public Profile {
        regions = List.copyOf(regions);
        clusters = List.copyOf(clusters);
    }

    /** The region shown first and used when only one is read. */
    public String primaryRegion() {
        return regions.get(0);
    }

    public boolean embedded() {
        return simulator.isPresent();
    }

    /** Start the bundled simulator in-process and point every client at it. */
    public record SimulatorSettings(String scenario, double speed) {
    }

    /**
     * AWS access through the SDK's default credential chain, or a named profile from ~/.aws/config
     * (SSO profiles included); {@code endpoint} overrides the service endpoint (a standalone simulator).
     */
    public record AwsSettings(Optional<String> profileName, Optional<String> endpoint) {
    }

    /**
     * LiveKit server URL and where its API key and secret come from: environment variables by name, or
     * a project of the lk CLI's config file.
     */
    public record LiveKitSettings(String url, Optional<String> apiKeyEnv, Optional<String> apiSecretEnv,
                                  Optional<String> lkProject) {
    }

    /** Where calls per task come from (DESIGN.md §4) and the agent attribute that names the task. */
    public record CallSettings(CallSource source, String taskAttribute) {
    }

    public enum CallSource { LIVEKIT, NONE }
}

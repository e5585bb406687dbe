package io.drainboard.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS clients point: a region, an optional endpoint override (the simulator on 127.0.0.1),
 * and how they find credentials. The console never reads or stores the credentials themselves.
 *
 * @param account  the account the credentials reach, where the console knows it (the simulator, or a profile
 *                 that lists its accounts); empty for whatever account they reach
 * @param readOnly every client built for this target refuses any operation that is not a read
 *                 ({@link ReadOnlyAccount}): an account the profile marks read-only
 */
public record AwsTarget(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                        String credentialsDescription, Optional<String> account, boolean readOnly) {
    public AwsTarget(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                     String credentialsDescription, Optional<String> account) {
        this(region, endpoint, credentials, credentialsDescription, account, false);
    }

    public AwsTarget(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                     String credentialsDescription) {
        this(region, endpoint, credentials, credentialsDescription, Optional.empty());
    }
}

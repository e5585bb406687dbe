package io.drainboard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.EcsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credential resolution through the real SDK providers, on config files in a temp directory. */
class AwsAccessTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path home;

    private Profile profile(String awsSection) throws ProfileException {
        return ProfileLoader.parse(home.resolve("p.yaml"), "name: p\nregion: us-east-1\n" + awsSection
                + "calls: {source: none}\n");
    }

    private AwsAccess access(Map<String, String> extra) {
        java.util.Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("HOME", home.toString());
        return new AwsAccess(env);
    }

    private void files(String config, String credentials) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), config);
        Files.writeString(home.resolve(".aws/credentials"), credentials);
    }

    @Test
    void aNamedProfileWithStaticKeysSaysWhichKeyAndFile() throws Exception {
        files("[profile other]\nregion = eu-west-1\n", "[voice-prod]\naws_access_key_id = " + KEY_ID
                + "\naws_secret_access_key = " + SECRET + "\n");
        AwsAccess.Resolved r = access(Map.of()).resolve(profile("aws: {profile: voice-prod}\n"));
        assertEquals(AwsAccess.Kind.STATIC_KEYS, r.kind());
        assertEquals("AWS profile voice-prod (static key AKIA…MPLE in " + home.resolve(".aws/credentials") + ")",
                r.description());
        access(Map.of()).verify(r);
        assertEquals(KEY_ID, r.provider().resolveCredentials().accessKeyId());
        assertFalse(r.toString().contains(SECRET));
    }

    @Test
    void anSsoProfileWithoutALoginSaysToRunSsoLogin() throws Exception {
        files("[profile voice-prod]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Operator\n"
                + "region = us-east-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n", "");
        AwsAccess a = access(Map.of());
        AwsAccess.Resolved r = a.resolve(profile("aws: {profile: voice-prod}\n"));
        assertEquals(AwsAccess.Kind.SSO, r.kind());
        CredentialsException e = assertThrows(CredentialsException.class, () -> a.verify(r));
        assertEquals("AWS profile voice-prod signs in through SSO, and its SSO session has expired or was never "
                + "started: run `aws sso login --profile voice-prod`, then reopen the profile.", e.getMessage());
    }

    @Test
    void aLegacySsoProfileIsRecognisedToo() throws Exception {
        files("[profile old]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_account_id = 123456789012\nsso_role_name = Operator\n", "");
        AwsAccess a = access(Map.of());
        AwsAccess.Resolved r = a.resolve(profile("aws: {profile: old}\n"));
        assertEquals(AwsAccess.Kind.SSO, r.kind());
        assertTrue(assertThrows(CredentialsException.class, () -> a.verify(r)).getMessage()
                .contains("run `aws sso login --profile old`"));
    }

    @Test
    void aMissingProfileSaysHowToAddIt() throws Exception {
        files("[profile other]\nregion = eu-west-1\n", "");
        CredentialsException e = assertThrows(CredentialsException.class,
                () -> access(Map.of()).resolve(profile("aws: {profile: ghost}\n")));
        // One sentence with the command that fixes it; where the console looked is for whoever asks.
        assertEquals("AWS profile ghost is not set up on this machine: run `aws configure sso --profile ghost` (or"
                + " `aws configure --profile ghost`), then open the profile again.", e.getMessage());
        assertTrue(e.details().startsWith("The name comes from aws.profile in " + home.resolve("p.yaml")
                + ". Looked in " + home.resolve(".aws/config")), e.details());
    }

    @Test
    void environmentKeysComeBeforeAwsProfileAsInTheSdkChain() throws Exception {
        files("[profile from-env]\nregion = eu-west-1\n", "");
        AwsAccess a = access(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", "tok", "AWS_PROFILE", "from-env"));
        AwsAccess.Resolved r = a.resolve(profile(""));
        assertEquals(AwsAccess.Kind.ENVIRONMENT_KEYS, r.kind());
        assertTrue(r.provider().resolveCredentials() instanceof AwsSessionCredentials);
        assertEquals("static keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN (key AKIA…MPLE)",
                r.description());

        AwsAccess.Resolved named = access(Map.of("AWS_PROFILE", "from-env")).resolve(profile(""));
        assertEquals(AwsAccess.Kind.OTHER_PROFILE, named.kind());
        assertEquals("from-env", named.profileName().orElseThrow());
        CredentialsException e = assertThrows(CredentialsException.class,
                () -> access(Map.of("AWS_PROFILE", "nope")).resolve(profile("")));
        assertTrue(e.details().contains("AWS_PROFILE in the environment"), e.details());
    }

    @Test
    void configFilesAreFoundThroughTheirVariables() throws Exception {
        Path config = Files.writeString(home.resolve("elsewhere.ini"), "[profile x]\nrole_arn = arn:aws:iam::1:role/R\n"
                + "source_profile = y\n[profile y]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
        AwsAccess.Resolved r = access(Map.of("AWS_CONFIG_FILE", config.toString())).resolve(profile("aws: {profile: x}\n"));
        assertEquals(AwsAccess.Kind.ROLE, r.kind());
        assertEquals("AWS profile x (role arn:aws:iam::1:role/R)", r.description());
    }

    @Test
    void rejectedCredentialsAreExplainedPerKind() throws Exception {
        files("", "[voice-prod]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
        AwsAccess.Resolved r = access(Map.of()).resolve(profile("aws: {profile: voice-prod}\n"));
        String m = AwsAccess.explain(r, awsError("UnrecognizedClientException")).orElseThrow();
        assertTrue(m.startsWith("AWS rejected AWS profile voice-prod (static key AKIA…MPLE in "), m);
        assertTrue(m.endsWith("(UnrecognizedClientException): the key is unknown, deactivated or its secret is wrong. "
                + "Replace it with `aws configure --profile voice-prod`, or use an SSO profile."), m);

        AwsAccess.Resolved env = access(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET))
                .resolve(profile(""));
        assertTrue(AwsAccess.explain(env, new RuntimeException("wrapped", awsError("ExpiredTokenException")))
                .orElseThrow().contains("the key is expired (temporary keys: get new ones). Replace it in the environment"));
        assertTrue(AwsAccess.explain(r, awsError("ThrottlingException")).isEmpty(), "not a credentials problem");
        assertTrue(AwsAccess.explain(r, awsError("AccessDeniedException")).isEmpty(), "permissions, not credentials");
    }

    private static EcsException awsError(String code) {
        return (EcsException) EcsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    @Test
    void aLocalSimulatorEndpointGetsPlaceholderKeysNeverRealOnes() throws Exception {
        AwsAccess a = access(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET));
        AwsAccess.Resolved r = a.resolve(profile("aws: {endpoint: 'http://127.0.0.1:4566'}\n"));
        assertEquals(AwsAccess.Kind.LOCAL_SIMULATOR, r.kind());
        assertEquals("simulator", r.provider().resolveCredentials().secretAccessKey());
        assertEquals(AwsAccess.Kind.ENVIRONMENT_KEYS,
                a.resolve(profile("aws: {endpoint: 'https://ecs.internal.example.com'}\n")).kind());
    }
}

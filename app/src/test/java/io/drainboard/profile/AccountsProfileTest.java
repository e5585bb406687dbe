package io.drainboard.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accounts:}: several AWS accounts in one profile, each with its AWS profile, regions and read-only switch. */
class AccountsProfileTest {
    static final Path FILE = Path.of("org.yaml");
    static final String LIVEKIT = "livekit: {url: https://lk.example.com, apiKeyEnv: LK_KEY, apiSecretEnv: LK_SECRET}\n";

    @Test
    void eachAccountHasItsOwnAwsProfileRegionsAndReadOnlySwitch() throws Exception {
        Profile p = ProfileLoader.parse(FILE, "name: org\n" + LIVEKIT + "accounts:\n"
                + "  - name: prod\n    account: \"111122223333\"\n    aws: {profile: voice-prod}\n    regions: [us-east-1, eu-west-1]\n"
                + "  - name: staging\n    account: \"444455556666\"\n    aws: {profile: voice-staging-sso}\n    region: us-east-1\n"
                + "    readOnly: true\n");
        assertEquals(2, p.accounts().size());
        assertEquals("voice-staging-sso", p.accounts().get(1).aws().orElseThrow().profileName().orElseThrow());
        assertEquals(List.of("us-east-1", "eu-west-1"), p.regions(), "the accounts' regions, in order, once each");
        assertFalse(p.readOnly(), "one writable account: the profile is not read-only as a whole");
        assertFalse(p.readOnlyFor("arn:aws:ecs:us-east-1:111122223333:task/voice/abc"));
        assertTrue(p.readOnlyFor("arn:aws:ecs:us-east-1:444455556666:task/voice/abc"));
        assertTrue(p.readOnlyFor("arn:aws:ecs:us-east-1:999999999999:task/voice/abc"), "an account it does not list");
        assertTrue(p.readOnlyFor("abc"), "no ARN, no account: refused");
    }

    @Test
    void everyAccountReadOnlyMakesAReadOnlyProfile() throws Exception {
        Profile p = ProfileLoader.parse(FILE, "name: org\n" + LIVEKIT + "accounts:\n"
                + "  - {name: prod, account: \"111122223333\", regions: [us-east-1], readOnly: true}\n");
        assertTrue(p.readOnly());
    }

    @Test
    void mistakesAreReportedWithTheirLines() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(FILE, "name: org\n"
                + LIVEKIT + "region: us-east-1\naccounts:\n"
                + "  - {name: prod, account: 111122223333, regions: [us-east-1]}\n"
                + "  - {name: prod, account: \"12345\", regions: [moon-1], readOnly: ~, roel: admin}\n"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("org.yaml:3: 'region' goes under each entry of 'accounts'"), all);
        assertTrue(all.contains("12-digit AWS account id in quotes"), all);
        assertTrue(all.contains("account name 'prod' is used twice"), all);
        assertTrue(all.contains("'moon-1' is not an AWS region name"), all);
        assertTrue(all.contains("'readOnly' has no value"), all);
        assertTrue(all.contains("unknown key 'roel'"), all);
    }
}

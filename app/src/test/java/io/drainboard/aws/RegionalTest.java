package io.drainboard.aws;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one routing rule: the ARN's region and account pick the client; nothing falls back to the first region. */
class RegionalTest {
    private static final String US_TASK = "arn:aws:ecs:us-east-1:111111111111:task/voice/abc";
    private static final String EU_TASK = "arn:aws:ecs:eu-west-1:111111111111:task/voice/def";

    private final Regional<String> two = Regional.of(List.of(
            new Regional.Entry<>("us-east-1", Optional.empty(), "us"),
            new Regional.Entry<>("eu-west-1", Optional.empty(), "eu")));

    @Test
    void anArnPicksItsRegion() {
        assertEquals("eu", two.forArn(EU_TASK));
        assertEquals("us", two.forArn(US_TASK));
        assertEquals("eu", two.at(EU_TASK).only("service agent"));
    }

    @Test
    void aRegionTheProfileDoesNotReachIsRefusedNotSentToTheFirst() {
        NoRegionException e = assertThrows(NoRegionException.class,
                () -> two.forArn("arn:aws:ecs:ap-south-1:111111111111:task/voice/x"));
        assertTrue(e.getMessage().contains("does not reach") && e.getMessage().contains("nothing was sent"), e.getMessage());
    }

    @Test
    void aNameGoesToTheOnlyRegionAndIsRefusedWhenThereAreSeveral() {
        assertEquals("us", Regional.single("us-east-1", "us").forArnOrOnly("voice"));
        NoRegionException e = assertThrows(NoRegionException.class, () -> two.forArnOrOnly("voice"));
        assertTrue(e.getMessage().contains("names no region"), e.getMessage());
    }

    @Test
    void aKnownAccountMustMatch() {
        Regional<String> accounts = Regional.of(List.of(
                new Regional.Entry<>("us-east-1", Optional.of("111111111111"), "prod"),
                new Regional.Entry<>("us-east-1", Optional.of("222222222222"), "staging")));
        assertEquals("staging", accounts.forArn("arn:aws:ecs:us-east-1:222222222222:service/c/s"));
        assertEquals("prod", accounts.forArn(US_TASK));
        assertThrows(NoRegionException.class, () -> accounts.forArn("arn:aws:ecs:us-east-1:333333333333:task/c/t"));
    }

    @Test
    void placesAreReadFromArnsOnly() {
        assertEquals(Optional.of(new Regional.Place("eu-west-1", "111111111111")), Regional.Place.of(EU_TASK));
        assertEquals(Optional.empty(), Regional.Place.of("voice"));
        assertEquals(Optional.empty(), Regional.Place.of("arn:aws:s3:::bucket"));
    }
}

package io.drainboard.ui.details;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleLinksTest {
    @Test
    void aTaskOpensOnItsConfigurationPageInItsRegion() {
        assertEquals("https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/voice-prod/tasks/3f2a9c/configuration?region=eu-west-1",
                ConsoleLinks.task("eu-west-1", "voice-prod", "3f2a9c"));
    }

    @Test
    void aServiceOpensOnItsHealthPage() {
        assertEquals("https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/voice-prod/services/support-agent/health?region=us-east-1",
                ConsoleLinks.service("us-east-1", "voice-prod", "support-agent"));
    }

    @Test
    void otherPartitionsUseTheirOwnConsoleAndNamesAreEncoded() {
        assertEquals("https://console.amazonaws.cn/ecs/v2/clusters/a%20b/tasks/t1/configuration?region=cn-north-1",
                ConsoleLinks.task("cn-north-1", "a b", "t1"));
        assertEquals("https://console.amazonaws-us-gov.com/ecs/v2/clusters/c/tasks/t/configuration?region=us-gov-west-1",
                ConsoleLinks.task("us-gov-west-1", "c", "t"));
    }
}

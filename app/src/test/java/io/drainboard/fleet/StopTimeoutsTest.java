package io.drainboard.fleet;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopTimeoutsTest {
    @Test
    void fargateWithoutAValueGetsThirtySeconds() {
        StopTimeout st = StopTimeouts.effective("FARGATE", Arrays.asList((Integer) null));
        assertEquals(30, st.seconds());
        assertTrue(st.basis().contains("Fargate default"));
    }

    @Test
    void fargateIsCappedAtOneHundredTwentySeconds() {
        StopTimeout st = StopTimeouts.effective("FARGATE", List.of(600));
        assertEquals(120, st.seconds());
        assertTrue(st.basis().contains("600"));
    }

    @Test
    void ec2KeepsLongContainerValues() {
        assertEquals(900, StopTimeouts.effective("EC2", List.of(900)).seconds());
    }

    @Test
    void ec2WithoutAValueFallsBackToTheAgentDefault() {
        StopTimeout st = StopTimeouts.effective("EC2", Arrays.asList(null, null));
        assertEquals(30, st.seconds());
        assertTrue(st.basis().contains("agent"));
    }

    @Test
    void theLongestContainerDecides() {
        assertEquals(120, StopTimeouts.effective("FARGATE", Arrays.asList(10, null, 120)).seconds());
    }
}

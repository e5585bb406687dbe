package io.drainboard.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void starsAndQuestionMarks() {
        assertTrue(Glob.matches("*-agent", "support-agent"));
        assertTrue(Glob.matches("*", ""));
        assertTrue(Glob.matches("a?c*", "abcdef"));
        assertTrue(Glob.matches("*a*b*", "xxaxxbxx"));
        assertFalse(Glob.matches("*-agent", "support-agents"));
        assertFalse(Glob.matches("a?c", "ac"));
        assertFalse(Glob.matches("exact", "exact2"));
    }
}

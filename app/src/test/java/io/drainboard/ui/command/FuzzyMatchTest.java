package io.drainboard.ui.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzyMatchTest {
    @Test
    void everyWordMustAppearInOrder() {
        assertTrue(FuzzyMatch.score("sup ag", "Go to voice-prod / support-agent") > 0);
        assertTrue(FuzzyMatch.score("spagt", "support-agent") > 0, "a subsequence matches");
        assertEquals(-1, FuzzyMatch.score("zebra", "support-agent"));
        assertEquals(-1, FuzzyMatch.score("sales xyz", "sales-agent"));
    }

    @Test
    void wholeWordsAndWordStartsRankFirst() {
        int exact = FuzzyMatch.score("sales", "Go to voice-prod / sales-agent");
        int scattered = FuzzyMatch.score("sales", "Select task s1a2l3e4s5");
        assertTrue(exact > scattered);
        assertTrue(FuzzyMatch.score("theme", "Light or dark theme") > FuzzyMatch.score("theme", "the mess"));
    }

    @Test
    void aServiceRanksAboveItsTasksForItsPath() {
        int service = FuzzyMatch.score("prod/support", "Navigation Go to voice-prod / support-agent");
        int task = FuzzyMatch.score("prod/support", "Task Select task 0f3c9a1e5b7d4c2a9e8f6b1d3c5a7e90  voice-prod/support-agent");
        assertTrue(task >= 0 && service > task, service + " vs " + task);
    }
}

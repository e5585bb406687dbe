package io.drainboard.ui.command;

import java.util.Locale;

/**
 * Palette matching: every word of the query must appear in the text as a subsequence, in order
 * ("sup ag" finds "Go to support-agent"). Contiguous runs and word starts score higher, then shorter texts. Pure logic.
 */
public final class FuzzyMatch {
    private FuzzyMatch() {
    }

    /** A score (higher is better), or -1 when the text does not match. */
    public static int score(String query, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int total = 0;
        // "prod/support" is two words: the tree writes "voice-prod / support-agent", a task line "voice-prod/support-agent".
        for (String word : query.toLowerCase(Locale.ROOT).trim().split("[\\s/]+")) {
            if (word.isEmpty()) continue;
            int s = word(word, t);
            if (s < 0) return -1;
            total += s;
        }
        // Equal matches: the shorter text first, as more of it is what was typed ("Go to …" before ten task lines).
        return total + Math.max(0, 40 - t.length() / 3);
    }

    private static int word(String w, String t) {
        int direct = t.indexOf(w);
        if (direct >= 0) return 100 + w.length() * 10 + (direct == 0 || !Character.isLetterOrDigit(t.charAt(direct - 1)) ? 50 : 0);
        int score = 0;
        int from = 0;
        int last = -2;
        for (char c : w.toCharArray()) {
            int i = t.indexOf(c, from);
            if (i < 0) return -1;
            score += i == last + 1 ? 5 : 1;
            if (i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1))) score += 3;
            last = i;
            from = i + 1;
        }
        return score;
    }
}

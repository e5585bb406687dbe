package io.drainboard.scaling;

import java.util.List;

/** The command-line values of the scaling commands (--check, scaling-lab), each refused in words that name the flag. */
public final class Flags {
    private Flags() {
    }

    /** The value after a flag; a missing one, or another flag in its place, is refused. */
    public static String value(List<String> a, int i, String flag) {
        if (i >= a.size() || a.get(i).startsWith("--")) throw new IllegalArgumentException(flag + " needs a value");
        return a.get(i);
    }

    /** A whole number from {@code least} to {@code most} ({@link Integer#MAX_VALUE}: no upper bound). */
    public static int number(String v, String flag, int least, int most) {
        try {
            int n = Integer.parseInt(v);
            if (n < least || n > most) {
                throw new IllegalArgumentException(flag + (most == Integer.MAX_VALUE ? " must be at least " + least
                        : " must be " + least + "–" + most));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a whole number, got '" + v + "'");
        }
    }
}

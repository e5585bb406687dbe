package io.drainboard.sim.ecs;

/**
 * Stable identifiers the model does not keep (ENI ids, attachment ids, container ids, subnets) derived
 * from a seed string, so the same task always shows the same ENI. FNV-1a then SplitMix64: cheap enough
 * to run for every task of every DescribeTasks.
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    static long hash(String seed) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < seed.length(); i++) {
            h ^= seed.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** {@code n} lowercase hex digits determined by {@code seed}. */
    static String hex(String seed, int n) {
        StringBuilder sb = new StringBuilder(n);
        long state = hash(seed);
        while (sb.length() < n) {
            state += 0x9E3779B97F4A7C15L;
            long z = mix(state);
            for (int i = 0; i < 16 && sb.length() < n; i++, z >>>= 4) sb.append(HEX[(int) (z & 0xF)]);
        }
        return sb.toString();
    }

    /** A version-4-shaped UUID string determined by {@code seed}. */
    static String uuid(String seed) {
        String h = hex(seed, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a"
                + h.substring(17, 20) + "-" + h.substring(20, 32);
    }

    /** A locally administered unicast MAC address, as EC2 gives ENIs (they start with 0a, 02, 06, 0e, 12…). */
    static String mac(String seed) {
        String h = hex(seed, 10);
        return "0a:" + h.substring(0, 2) + ":" + h.substring(2, 4) + ":" + h.substring(4, 6) + ":"
                + h.substring(6, 8) + ":" + h.substring(8, 10);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

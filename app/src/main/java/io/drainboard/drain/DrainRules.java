package io.drainboard.drain;

/**
 * What drains of one service go by, from its profile settings ({@code services:} entry over the profile-wide
 * ones): the call-length model that predicts when its tasks go idle, and how many of its tasks may drain at once.
 */
public interface DrainRules {
    CutRisk risk(String cluster, String service);

    /** At least 1. */
    int budget(String cluster, String service);

    /** The same for every service. */
    static DrainRules fixed(CutRisk risk, int budget) {
        if (budget < 1) throw new IllegalArgumentException("drain budget must be >= 1");
        return new DrainRules() {
            @Override
            public CutRisk risk(String cluster, String service) {
                return risk;
            }

            @Override
            public int budget(String cluster, String service) {
                return budget;
            }
        };
    }
}

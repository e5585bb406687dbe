package io.drainboard.sim.model;

/** What really happened to calls, for tests and benchmarks to assert on (never shown by the console). */
public record GroundTruth(long callsStarted, long callsEndedNormally, long callsCut, long callsUnserved,
                          long callsActive) {
}

package io.drainboard.sim.model;

/**
 * What really happened to calls, for tests and benchmarks to assert on (never shown by the console).
 * {@code callsCut} is the sum of the four causes that follow it.
 */
public record GroundTruth(long callsStarted, long callsEndedNormally, long callsCut, long callsUnserved,
                          long callsActive, long cutBySigkill, long cutBySecondSignal,
                          long cutByInstanceTermination, long cutByDrainTimeout, long cutByRoomClosed) {
}

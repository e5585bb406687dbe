package io.drainboard.sim.cloudwatch;

import java.util.List;

/** What the metric sampler reads from the fleet each minute (called under the fleet's lock). */
public interface MetricFleet {
    /** A task whose worker process is alive, with its live calls and the calls it can hold. */
    record TaskSample(String taskId, int activeCalls, int capacity) {
        public double load() {
            return capacity == 0 ? 0 : activeCalls / (double) capacity;
        }
    }

    record ServiceSample(String cluster, String service, List<TaskSample> tasks) {
    }

    List<ServiceSample> sample();
}

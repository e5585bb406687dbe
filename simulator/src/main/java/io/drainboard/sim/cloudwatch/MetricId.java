package io.drainboard.sim.cloudwatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One CloudWatch metric: namespace, name and the full set of dimensions. CloudWatch treats each
 * distinct combination of dimensions as a separate metric
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension),
 * so dimensions are kept sorted by name and compared as a whole.
 */
public record MetricId(String namespace, String name, List<Dimension> dimensions) {
    public record Dimension(String name, String value) {
    }

    public MetricId {
        List<Dimension> sorted = new ArrayList<>(dimensions);
        sorted.sort(Comparator.comparing(Dimension::name));
        dimensions = List.copyOf(sorted);
    }

    public static MetricId of(String namespace, String name, String... namesAndValues) {
        List<Dimension> dims = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) dims.add(new Dimension(namesAndValues[i], namesAndValues[i + 1]));
        return new MetricId(namespace, name, dims);
    }

    public String dimension(String dimensionName) {
        for (Dimension d : dimensions) if (d.name().equals(dimensionName)) return d.value();
        return null;
    }
}

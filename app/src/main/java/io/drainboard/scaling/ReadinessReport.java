package io.drainboard.scaling;

import java.util.List;

/** The findings on one service, with the facts and configuration they were drawn from and what could not be checked. */
public record ReadinessReport(ServiceFacts facts, ScalingConfig config, List<Finding> findings, List<String> notChecked) {
    public ReadinessReport {
        findings = List.copyOf(findings);
        notChecked = List.copyOf(notChecked);
    }

    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.PROBLEM);
    }

    public boolean has(Finding.Kind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }
}

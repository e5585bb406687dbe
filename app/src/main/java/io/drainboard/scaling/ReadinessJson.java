package io.drainboard.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** {@code --check --json}: one object per service with its findings, for CI (docs/scaling.md shows the shape). */
final class ReadinessJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReadinessJson() {
    }

    static String of(List<ReadinessReport> reports, List<String> errors) {
        ObjectNode root = JSON.createObjectNode();
        root.put("problems", reports.stream().mapToLong(r -> r.findings().stream()
                .filter(f -> f.severity() == Finding.Severity.PROBLEM).count()).sum());
        ArrayNode services = root.putArray("services");
        for (ReadinessReport r : reports) {
            ObjectNode s = services.addObject();
            ServiceFacts f = r.facts();
            s.put("service", f.key());
            s.put("launchType", f.launchType());
            ObjectNode facts = s.putObject("facts");
            facts.put("runningTasks", f.runningTasks());
            facts.put("busyTasks", f.busyTasks());
            facts.put("busyUnprotected", f.busyUnprotected());
            facts.put("capacityPerTask", f.capacityPerTask());
            facts.put("capacityBasis", f.capacityBasis());
            f.stopTimeoutSeconds().ifPresent(x -> facts.put("stopTimeoutSeconds", x));
            facts.put("drainTimeoutSeconds", f.drainTimeout().toSeconds());
            facts.put("p99CallSeconds", f.p99Call().toSeconds());
            f.peak().ifPresent(p -> facts.putObject("peak").put("at", p.at().toString()).put("sessions", p.sessions())
                    .put("tasks", p.tasks()));
            f.rampPerMinute().ifPresent(x -> facts.put("rampSessionsPerMinute", x));
            facts.put("startupSeconds", f.startup().toSeconds());
            f.cpuCorrelation().ifPresent(x -> facts.put("cpuLoadCorrelation", x));
            r.config().target().ifPresent(t -> s.putObject("target").put("min", t.min()).put("max", t.max())
                    .put("scaleInSuspended", t.scaleInSuspended()));
            ArrayNode policies = s.putArray("policies");
            r.config().policies().forEach(p -> policies.addObject().put("name", p.name()).put("type", p.kind().name())
                    .put("metric", p.metricLabel()).put("measures", p.measures().name()));
            ArrayNode findings = s.putArray("findings");
            for (Finding x : r.findings()) {
                ObjectNode o = findings.addObject();
                o.put("kind", x.kind().name());
                o.put("severity", x.severity().name());
                o.put("title", x.title());
                o.put("measured", x.measured());
                o.put("why", x.why());
                ObjectNode fix = o.putObject("fix");
                fix.put("summary", x.fix().summary());
                fix.put("cli", x.fix().cli());
                fix.put("cloudFormation", x.fix().cloudFormation());
                fix.put("profile", x.fix().profile());
            }
            ArrayNode nc = s.putArray("notChecked");
            r.notChecked().forEach(nc::add);
        }
        ArrayNode errs = root.putArray("errors");
        errors.forEach(errs::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

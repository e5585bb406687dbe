package io.drainboard.history;

import io.drainboard.stops.StopCause;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The post-mortem file: one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with
 * the stops that cut calls, each service's timeline chart, the other stops, ECS events, operator actions and
 * how the numbers were obtained. Opens in any browser and survives being attached to a ticket.
 */
public final class IncidentReport {
    /** What goes in a report: the services' timelines and every stop over [from, to]. */
    public record Input(String title, Instant from, Instant to, ZoneId zone, List<Timeline> services,
                        List<StopRecord> stops, Instant generatedAt, String generatedBy) {
        public Input {
            services = List.copyOf(services);
            stops = List.copyOf(stops);
        }
    }

    private IncidentReport() {
    }

    /** Gathers one service (or every service with a stop in the range) from history. */
    public static Input collect(History h, Instant from, Instant to, Optional<ServiceRef> only, String title,
                                ZoneId zone, String generatedBy) throws HistoryUnavailable {
        List<StopRecord> stops = new ArrayList<>(h.stops(from, to));
        List<Timeline> timelines = new ArrayList<>();
        for (ServiceRef s : h.services()) {
            boolean wanted = only.map(o -> o.id() == s.id()).orElseGet(() ->
                    stops.stream().anyMatch(st -> st.clusterName().equals(s.clusterName()) && st.serviceName().equals(s.name())));
            if (wanted) timelines.add(h.timeline(s, from, to));
        }
        if (only.isPresent()) {
            stops.removeIf(st -> !(st.clusterName().equals(only.get().clusterName()) && st.serviceName().equals(only.get().name())));
        }
        return new Input(title, from, to, zone, timelines, stops, h.clock().instant(), generatedBy);
    }

    public static String html(Input in) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(in.zone());
        List<StopRecord> cutting = in.stops().stream().filter(StopRecord::cutCalls).toList();
        int lo = cutting.stream().mapToInt(StopRecord::callsCutAtLeast).sum();
        int hi = cutting.stream().mapToInt(StopRecord::callsCut).sum();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.esc(in.title()))
                .append("</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>").append(Html.esc(in.title())).append("</h1>\n<p class=\"meta\">")
                .append(Html.esc(f.format(in.from()))).append(" – ").append(Html.esc(f.format(in.to())))
                .append(" · generated ").append(Html.esc(f.format(in.generatedAt()))).append(" by Drainboard (")
                .append(Html.esc(in.generatedBy())).append(")</p>\n");

        b.append("<section class=\"summary\"><h2>Summary</h2><p><strong>").append(cutting.size())
                .append(cutting.size() == 1 ? " stop" : " stops").append(" cut calls</strong>: ")
                .append(lo == hi ? String.valueOf(hi) : lo + "–" + hi).append(" calls cut");
        if (lo != hi) b.append(" (at most ").append(hi).append("; see “How these numbers were obtained”)");
        b.append(".</p>");
        Map<StopCause, int[]> byCause = new EnumMap<>(StopCause.class);
        for (StopRecord s : cutting) {
            int[] v = byCause.computeIfAbsent(s.cause(), k -> new int[2]);
            v[0]++;
            v[1] += s.callsCut();
        }
        if (!byCause.isEmpty()) {
            b.append("<ul>");
            byCause.forEach((c, v) -> b.append("<li>").append(Html.esc(c.label())).append(": ").append(v[0])
                    .append(v[0] == 1 ? " stop, " : " stops, ").append(v[1]).append(" calls</li>"));
            b.append("</ul>");
        }
        b.append("</section>\n");

        b.append("<section><h2>Stops that cut calls</h2>");
        stopsTable(b, cutting, f, true);
        b.append("</section>\n");

        for (Timeline t : in.services()) service(b, t, f, in.zone());

        List<StopRecord> others = in.stops().stream().filter(s -> !s.cutCalls()).toList();
        b.append("<section><h2>Other stops (").append(others.size()).append(")</h2>");
        stopsTable(b, others, f, false);
        b.append("</section>\n");
        b.append(METHOD);
        b.append("</body></html>\n");
        return b.toString();
    }

    /** Writes the report next to where it is asked, atomically (a half-written report never replaces a good one). */
    public static Path write(Path file, String html) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".report-", ".html");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void service(StringBuilder b, Timeline t, DateTimeFormatter f, ZoneId zone) {
        b.append("<section><h2>").append(Html.esc(t.service().key())).append("</h2>");
        b.append("<figure>").append(SvgChart.render(t, zone)).append(SvgChart.legend()).append("</figure>");
        if (!t.deployments().isEmpty()) {
            b.append("<h3>Deployments</h3><table><tr><th>created</th><th>deployment</th><th>revision</th><th>status</th>"
                    + "<th>rollout</th><th>ended</th></tr>");
            for (TimelineParts.Deployment d : t.deployments()) {
                b.append("<tr><td>").append(Html.esc(f.format(d.start()))).append("</td><td>").append(Html.esc(d.id()))
                        .append("</td><td>").append(Html.esc(d.revision())).append("</td><td>").append(Html.esc(d.status()))
                        .append("</td><td>").append(Html.esc(d.rolloutState())).append(d.reason() == null ? ""
                                : " — " + Html.esc(d.reason())).append("</td><td>")
                        .append(d.end().map(f::format).map(Html::esc).orElse("in progress")).append("</td></tr>");
            }
            b.append("</table>");
        }
        if (!t.actions().isEmpty()) {
            b.append("<h3>Operator actions</h3><table><tr><th>when</th><th>who</th><th>action</th><th>targets</th>"
                    + "<th>reason</th><th>outcome</th></tr>");
            for (TimelineParts.Action a : t.actions()) {
                b.append("<tr><td>").append(Html.esc(f.format(a.at()))).append("</td><td>").append(Html.esc(a.operator()))
                        .append("</td><td>").append(Html.esc(a.action())).append("</td><td>")
                        .append(Html.esc(String.join(", ", a.targets().stream().map(IncidentReport::shortArn).toList())))
                        .append("</td><td>").append(Html.esc(a.reason())).append("</td><td>").append(Html.esc(a.outcome()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        if (!t.events().isEmpty()) {
            b.append("<h3>ECS service events</h3><table><tr><th>when</th><th>message</th></tr>");
            for (TimelineParts.Event e : t.events()) {
                b.append("<tr><td>").append(Html.esc(f.format(e.at()))).append(e.backfilled() ? " <span class=\"tag\">backfilled</span>" : "")
                        .append("</td><td>").append(Html.esc(e.message())).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("</section>\n");
    }

    private static void stopsTable(StringBuilder b, List<StopRecord> stops, DateTimeFormatter f, boolean cut) {
        if (stops.isEmpty()) {
            b.append("<p>None.</p>");
            return;
        }
        b.append("<table><tr><th>when</th><th>service</th><th>task</th><th>revision</th><th>cause</th><th>stop code</th>"
                + "<th>exit</th><th>calls cut</th><th>how known</th><th>ECS's reason</th></tr>");
        for (StopRecord s : stops) {
            b.append("<tr").append(cut ? " class=\"cut\"" : "").append("><td>").append(Html.esc(f.format(s.at())))
                    .append("</td><td>").append(Html.esc(s.clusterName() + "/" + s.serviceName())).append("</td><td><code>")
                    .append(Html.esc(s.taskId())).append("</code></td><td>").append(Html.esc(s.revision())).append("</td><td>")
                    .append(Html.esc(s.cause().label())).append("</td><td>").append(Html.esc(s.stopCode().orElse("")))
                    .append("</td><td>").append(s.exitCode().map(String::valueOf).orElse("none")).append("</td><td class=\"n\">")
                    .append(cut ? "✕ " : "").append(Html.esc(s.callsCutText())).append("</td><td>")
                    .append(Html.esc(s.callsBasis())).append("</td><td>").append(Html.esc(s.stoppedReason().orElse("")))
                    .append("</td></tr>");
        }
        b.append("</table>");
    }

    private static String shortArn(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static final String CSS = "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#24292f;"
            + "max-width:1000px;margin:24px auto;padding:0 16px}h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid"
            + " #d0d7de;padding-bottom:4px;margin-top:28px}h3{font-size:15px}.meta{color:#57606a}table{border-collapse:collapse;"
            + "width:100%;font-size:13px;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;"
            + "vertical-align:top}th{background:#f6f8fa}tr.cut td{background:#fff1f0}td.n{font-weight:bold;white-space:nowrap}"
            + ".tag{font-size:11px;color:#6e40c9;border:1px solid #6e40c9;border-radius:3px;padding:0 3px}"
            + "figure{margin:8px 0}svg{max-width:100%;height:auto}.legend{font-size:12px;color:#57606a;margin:2px 0}"
            + ".k{display:inline-block;width:18px;height:0;vertical-align:middle;border-top:2px solid #1f6feb}"
            + ".k.back{border-top:2px dashed #6e40c9}.summary p{font-size:15px}code{font-size:12px}";

    private static final String METHOD = "<section><h2>How these numbers were obtained</h2>"
            + "<p><strong>Calls cut by a stop</strong> are the calls on the task when its worker was killed (exit code 137 is"
            + " SIGKILL after stopTimeout; another non-zero exit or a lost host also kills the calls; exit 0 means the worker"
            + " left after its calls ended). The count is the last one seen before the kill:</p><ul>"
            + "<li><em>Watched live</em> (LiveKit source): the calls in the last refresh before SIGKILL, by room; exact unless"
            + " a call ended on its own in the few seconds between that refresh and the kill.</li>"
            + "<li><em>Backfilled</em> (the console was closed): the per-task CloudWatch metric's last one-minute datapoint at"
            + " or before the kill (ECS's executionStoppedAt). A draining worker takes no new calls, so calls can only have"
            + " ended between that datapoint and the kill: the figure is an upper bound. A SIGKILL means at least one call was"
            + " still there (a drained LiveKit worker exits 0 by itself). Hence the ranges such as “1–3”.</li></ul>"
            + "<p><strong>Cause</strong> comes from the stop code and ECS's reason: the scheduler stopping a task of an older"
            + " deployment is a deployment, one of the current deployment a scale-in. Items marked backfilled were read from"
            + " AWS after the fact (ECS keeps stopped tasks about an hour, service events the newest 100).</p></section>\n";
}

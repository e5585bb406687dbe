package io.drainboard.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A service's timeline as inline SVG for the report: calls (live solid, backfilled dashed), deployments as
 * shaded bands, scale events as hatched bands, stops as markers — a stop that cut calls is a larger
 * downward triangle with its count written next to it (shape and label, not colour alone), a clean stop a
 * small circle — and operator actions as ticks along the top. Text only, no scripts, no external references.
 */
final class SvgChart {
    static final int WIDTH = 960, HEIGHT = 240, LEFT = 48, RIGHT = 16, TOP = 22, BOTTOM = 24;

    private SvgChart() {
    }

    static String render(Timeline t, ZoneId zone) {
        Instant from = t.from(), to = t.to();
        List<Steps.Step> live = Steps.live(t.calls(), t.watched(), from, to);
        List<Steps.Step> back = Steps.perMinute(t.backfilledCalls(), from, to);
        int top = Math.max(4, Math.max(Steps.max(live), Steps.max(back)));
        top = (int) Math.ceil(top * 1.15);
        Scale s = new Scale(from, to, top);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                + " height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"11\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, Html.esc("Calls on " + t.service().key() + " over time")));
        b.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#e3c77a\" stroke-width=\"2\"/></pattern></defs>");
        bands(b, t, s);
        axes(b, s, zone);
        path(b, live, s, "#1f6feb", "");
        path(b, back, s, "#6e40c9", " stroke-dasharray=\"5 3\"");
        List<StopRecord> byTime = new java.util.ArrayList<>(t.stops());
        byTime.sort(java.util.Comparator.comparing(StopRecord::at));
        double[] anchor = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int[] level = {0, 0};
        for (StopRecord stop : byTime) { // markers within 16 px stack upwards (a deploy kills many tasks at once)
            int kind = stop.cutCalls() ? 0 : 1;
            double x = s.x(stop.at());
            level[kind] = x - anchor[kind] < 16 ? level[kind] + 1 : 0;
            if (level[kind] == 0) anchor[kind] = x;
            marker(b, stop, anchor[kind], level[kind]);
        }
        for (TimelineParts.Action a : t.actions()) {
            double x = s.x(a.at());
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#24292f\""
                    + " stroke-width=\"2\"><title>%s</title></line>", x, TOP - 10, x, TOP, Html.esc(a.action() + " by "
                    + a.operator() + ": " + a.outcome())));
        }
        b.append("</svg>");
        return b.toString();
    }

    private static void bands(StringBuilder b, Timeline t, Scale s) {
        for (TimelineParts.Deployment d : t.deployments()) {
            double x0 = s.x(d.start()), x1 = s.x(d.end().orElse(t.to()));
            if (x1 <= LEFT || x0 >= WIDTH - RIGHT) continue;
            x0 = Math.max(LEFT, x0);
            x1 = Math.min(WIDTH - RIGHT, Math.max(x0 + 2, x1));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#dafbe1\">"
                            + "<title>%s</title></rect><text x=\"%.1f\" y=\"%d\" fill=\"#116329\">deploy %s</text>",
                    x0, TOP, x1 - x0, HEIGHT - TOP - BOTTOM, Html.esc("deployment " + d.id() + " → " + d.revision() + " ("
                            + d.rolloutState() + ")"), x0 + 3, TOP + 12, Html.esc(d.revision())));
        }
        for (int i = 1; i < t.counts().size(); i++) {
            TimelineParts.Counts prev = t.counts().get(i - 1), c = t.counts().get(i);
            if (c.desired() == prev.desired()) continue;
            Instant end = t.to();
            for (int j = i; j < t.counts().size(); j++) {
                if (t.counts().get(j).running() == c.desired()) {
                    end = t.counts().get(j).at();
                    break;
                }
            }
            double x0 = Math.max(LEFT, s.x(c.at())), x1 = Math.max(x0 + 3, Math.min(WIDTH - RIGHT, s.x(end)));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"url(#hatch)\">"
                            + "<title>%s</title></rect>", x0, TOP, x1 - x0, HEIGHT - TOP - BOTTOM,
                    Html.esc("desired count " + prev.desired() + " → " + c.desired())));
        }
    }

    private static void axes(StringBuilder b, Scale s, ZoneId zone) {
        int bottom = HEIGHT - BOTTOM;
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        for (int v : ticks(s.top)) {
            double y = s.y(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d0d7de\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#57606a\">%d</text>", LEFT, y, WIDTH - RIGHT, y,
                    LEFT - 4, y + 4, v));
        }
        Duration span = Duration.between(s.from, s.to);
        Duration step = TimeTicks.step(span);
        DateTimeFormatter f = TimeTicks.format(span).withZone(zone);
        for (Instant t = TimeTicks.first(s.from, step); !t.isAfter(s.to); t = t.plus(step)) {
            double x = s.x(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#57606a\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#57606a\">%s</text>", x, bottom, x, bottom + 4,
                    x, bottom + 16, f.format(t)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" fill=\"#57606a\">calls</text>", TOP - 8));
    }

    private static void path(StringBuilder b, List<Steps.Step> steps, Scale s, String colour, String extra) {
        if (steps.isEmpty()) return;
        StringBuilder d = new StringBuilder();
        Steps.Step prev = null;
        for (Steps.Step st : steps) {
            double x0 = s.x(st.from()), x1 = s.x(st.to()), y = s.y(st.calls());
            boolean joined = prev != null && prev.to().equals(st.from());
            d.append(String.format(Locale.ROOT, joined ? "L%.1f %.1f " : "M%.1f %.1f ", x0, y));
            d.append(String.format(Locale.ROOT, "L%.1f %.1f ", x1, y));
            prev = st;
        }
        b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.6\"").append(extra).append("/>");
    }

    private static void marker(StringBuilder b, StopRecord stop, double x, int level) {
        if (x < LEFT || x > WIDTH - RIGHT) return;
        String title = Html.esc("task " + stop.taskId() + " (" + stop.revision() + "): " + stop.cause().label() + ", "
                + stop.stopCode().orElse("?") + ", exit " + stop.exitCode().map(String::valueOf).orElse("none")
                + ", calls cut " + stop.callsCutText());
        if (stop.cutCalls()) {
            double y = Math.max(TOP + 10, HEIGHT - BOTTOM - 20 - level * 17.0);
            b.append(String.format(Locale.ROOT, "<g><title>%s</title><polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\""
                            + " fill=\"#cf222e\" stroke=\"#24292f\" stroke-width=\"1\"/><text x=\"%.1f\" y=\"%.1f\""
                            + " font-weight=\"bold\" fill=\"#24292f\">✕%s</text></g>", title,
                    x - 7, y - 6, x + 7, y - 6, x, y + 8, x + 9, y + 4, Html.esc(stop.callsCutText())));
        } else {
            double y = Math.max(TOP + 10, HEIGHT - BOTTOM - 6 - level * 8.0);
            b.append(String.format(Locale.ROOT, "<g><title>%s</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\""
                    + " fill=\"#ffffff\" stroke=\"#57606a\"/></g>", title, x, y));
        }
    }

    /** Under the chart, in HTML so it wraps: what each mark means (shapes and words, not colour alone). */
    static String legend() {
        return "<p class=\"legend\"><span class=\"k live\"></span> calls (live) · <span class=\"k back\"></span> calls"
                + " (backfilled, CloudWatch 1-min) · ▼✕n a stop that cut n calls · ○ a stop that cut none ·"
                + " shaded band: deployment · hatched band: scale event · tick at the top: operator action</p>";
    }

    static int[] ticks(int top) {
        int step = Math.max(1, (int) Math.pow(10, Math.floor(Math.log10(Math.max(1, top / 2.0)))));
        while (top / step > 6) step *= 2;
        int n = top / step + 1;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i * step;
        return out;
    }

    private record Scale(Instant from, Instant to, int top) {
        double x(Instant t) {
            double span = Math.max(1, Duration.between(from, to).toMillis());
            return LEFT + (WIDTH - LEFT - RIGHT) * Duration.between(from, t).toMillis() / span;
        }

        double y(double v) {
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * v / top;
        }
    }
}

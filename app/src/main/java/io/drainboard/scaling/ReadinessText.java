package io.drainboard.scaling;

import java.io.PrintStream;

/** {@code --check} without {@code --json}: a readable block per service. */
final class ReadinessText {
    private ReadinessText() {
    }

    static void print(ReadinessReport r, PrintStream out) {
        ServiceFacts f = r.facts();
        long problems = r.findings().stream().filter(x -> x.severity() == Finding.Severity.PROBLEM).count();
        out.println(f.key() + " (" + f.launchType() + ", " + f.runningTasks() + " tasks): "
                + (r.findings().isEmpty() ? "ready" : problems + " problem" + (problems == 1 ? "" : "s") + ", "
                + (r.findings().size() - problems) + " warning" + (r.findings().size() - problems == 1 ? "" : "s")));
        for (Finding x : r.findings()) {
            out.println("  " + (x.severity() == Finding.Severity.PROBLEM ? "PROBLEM " : "warning ") + x.kind() + ": "
                    + x.title());
            out.println("    measured: " + x.measured());
            out.println("    why:      " + x.why());
            out.println("    fix:      " + x.fix().summary());
            for (String line : x.fix().cli().split("\n")) out.println("      $ " + line);
            if (!x.fix().profile().isEmpty()) {
                out.println("    guard service profile, add:");
                for (String line : x.fix().profile().split("\n")) out.println("      " + line);
            }
        }
        for (String n : r.notChecked()) out.println("  not checked: " + n);
    }
}

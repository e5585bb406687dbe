package io.drainboard.rollout;

/** One line of the preflight checklist: what was checked, the verdict, what was found, and how to fix it. */
public record PreflightCheck(String name, Verdict verdict, String detail, String fix) {
    public enum Verdict { PASS, WARN, FAIL }

    static PreflightCheck pass(String name, String detail) {
        return new PreflightCheck(name, Verdict.PASS, detail, "");
    }

    static PreflightCheck warn(String name, String detail, String fix) {
        return new PreflightCheck(name, Verdict.WARN, detail, fix);
    }

    static PreflightCheck fail(String name, String detail, String fix) {
        return new PreflightCheck(name, Verdict.FAIL, detail, fix);
    }

    public String line() {
        return "[" + verdict + "] " + name + ": " + detail + (fix.isEmpty() ? "" : " — fix: " + fix);
    }
}

package io.drainboard.profile;

import java.util.List;

/** A profile that cannot be used, with every problem found (file, line, what to change). */
public final class ProfileException extends Exception {
    private final List<String> problems;

    public ProfileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ProfileException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}

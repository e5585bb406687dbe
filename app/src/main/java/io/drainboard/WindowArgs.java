package io.drainboard;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The window's command line: {@code [--profile FILE | --profile=FILE] [--light]}. Anything else is an error
 * naming it, never silently ignored (a mistyped {@code --profle} must not open the demo instead).
 */
public record WindowArgs(Optional<Path> profile, boolean light) {
    /** Where the window's profile comes from when none is given. */
    public static final Path DEFAULT_PROFILE = Path.of("profiles", "demo.yaml");

    public Path profileOrDefault() {
        return profile.orElse(DEFAULT_PROFILE);
    }

    /** @throws IllegalArgumentException naming the first argument that is wrong */
    public static WindowArgs parse(List<String> args) {
        Path profile = null;
        boolean light = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.equals("--profile")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException("--profile needs a file, e.g. --profile profiles/demo.yaml");
                }
                value = args.get(++i);
            } else if (a.startsWith("--profile=")) {
                value = a.substring("--profile=".length());
                if (value.isEmpty()) throw new IllegalArgumentException("--profile= needs a file");
            } else if (a.equals("--light")) {
                light = true;
                continue;
            } else {
                throw new IllegalArgumentException("unknown option '" + shown(a) + "'");
            }
            if (profile != null) throw new IllegalArgumentException("--profile is given twice; give one");
            try {
                profile = Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("--profile '" + shown(value) + "' is not a file name");
            }
        }
        return new WindowArgs(Optional.ofNullable(profile), light);
    }

    private static String shown(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}

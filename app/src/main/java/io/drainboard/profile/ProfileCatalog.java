package io.drainboard.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every profile the operator can open: their own ({@code $XDG_CONFIG_HOME/drainboard/profiles}, else
 * {@code ~/.config/drainboard/profiles}) first, then the bundled examples. A bad file is listed with its
 * problems and never stops the good ones from loading; when two files use one name, the first listed
 * (the operator's own) wins and the other says so.
 */
public final class ProfileCatalog {
    /** Where the bundled examples are (set by the launcher of the runtime image). */
    public static final String EXAMPLES_PROPERTY = "drainboard.examples";

    public enum Origin { USER, EXAMPLE }

    /** One profile file: loaded, or the problems that keep it from loading. */
    public record Entry(Path file, Origin origin, Optional<Profile> profile, List<String> problems) {
        public Entry {
            problems = List.copyOf(problems);
        }

        public boolean usable() {
            return profile.isPresent();
        }

        /** The profile's name, or the file's when it did not load. */
        public String name() {
            return profile.map(Profile::name).orElse(String.valueOf(file.getFileName()));
        }
    }

    private final Path userDirectory;
    private final Optional<Path> examples;

    public ProfileCatalog(Path userDirectory, Optional<Path> examples) {
        this.userDirectory = userDirectory;
        this.examples = examples;
    }

    /** The standard places, reading XDG_CONFIG_HOME and HOME from {@code env}. */
    public static ProfileCatalog standard(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg, "drainboard", "profiles")
                : Path.of(home, ".config", "drainboard", "profiles");
        String ex = System.getProperty(EXAMPLES_PROPERTY);
        Optional<Path> examples = ex != null && !ex.isBlank() ? Optional.of(Path.of(ex))
                : Optional.of(Path.of("profiles")).filter(Files::isDirectory);
        return new ProfileCatalog(user, examples);
    }

    public Path userDirectory() {
        return userDirectory;
    }

    /** Where the bundled examples are, when known. */
    public Optional<Path> examples() {
        return examples;
    }

    /** Lists and loads every profile, the operator's own first, each group sorted by file name. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        Map<String, Path> byName = new HashMap<>();
        addAll(userDirectory, Origin.USER, out, byName);
        examples.ifPresent(dir -> addAll(dir, Origin.EXAMPLE, out, byName));
        return out;
    }

    /** The usable profile of that name, if any. */
    public Optional<Profile> byName(String name) {
        return entries().stream().flatMap(e -> e.profile().stream()).filter(p -> p.name().equals(name)).findFirst();
    }

    private static void addAll(Path dir, Origin origin, List<Entry> out, Map<String, Path> byName) {
        if (!Files.isDirectory(dir)) return;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path p : s) if (!p.getFileName().toString().startsWith(".")) files.add(p);
        } catch (IOException e) {
            out.add(new Entry(dir, origin, Optional.empty(), List.of(dir + ": cannot list profiles ("
                    + e.getMessage() + "); check the directory's permissions")));
            return;
        }
        files.sort(null);
        for (Path file : files) {
            try {
                Profile p = ProfileLoader.load(file);
                Path first = byName.putIfAbsent(p.name(), file);
                if (first == null) {
                    out.add(new Entry(file, origin, Optional.of(p), List.of()));
                } else {
                    out.add(new Entry(file, origin, Optional.empty(), List.of(file + ":1: the name '" + p.name()
                            + "' is already used by " + first + ", which is listed first; rename one")));
                }
            } catch (ProfileException e) {
                out.add(new Entry(file, origin, Optional.empty(), e.problems()));
            }
        }
    }
}

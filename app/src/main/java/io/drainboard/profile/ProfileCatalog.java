package io.drainboard.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operator's profiles are: their own ({@code $XDG_CONFIG_HOME/drainboard/profiles}, else
 * {@code ~/.config/drainboard/profiles}) and the bundled examples (docs/runtime-image.md). The window lists the
 * files of both beside the open profile's folder to switch to.
 */
public final class ProfileCatalog {
    /** Where the bundled examples are (set by the launcher of the runtime image). */
    public static final String EXAMPLES_PROPERTY = "drainboard.examples";

    private final Path userDirectory;
    private final Optional<Path> examples;

    private ProfileCatalog(Path userDirectory, Optional<Path> examples) {
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
}

package io.drainboard.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the operator's own profiles and the bundled examples are looked for. */
class ProfileCatalogTest {
    @Test
    void theOperatorsProfilesFollowXdgElseHome() {
        assertEquals(Path.of("/x/drainboard/profiles"),
                ProfileCatalog.standard(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")).userDirectory());
        assertEquals(Path.of("/h/.config/drainboard/profiles"),
                ProfileCatalog.standard(Map.of("XDG_CONFIG_HOME", " ", "HOME", "/h")).userDirectory());
    }

    @Test
    void theExamplesAreWhereTheRuntimeImageSaysElseTheWorkingFolders() {
        String before = System.getProperty(ProfileCatalog.EXAMPLES_PROPERTY);
        try {
            System.setProperty(ProfileCatalog.EXAMPLES_PROPERTY, "/image/profiles");
            assertEquals(Optional.of(Path.of("/image/profiles")), ProfileCatalog.standard(Map.of()).examples());
            System.clearProperty(ProfileCatalog.EXAMPLES_PROPERTY);
            // the build runs in app/, where there is no profiles folder
            assertEquals(Optional.empty(), ProfileCatalog.standard(Map.of()).examples());
        } finally {
            if (before == null) System.clearProperty(ProfileCatalog.EXAMPLES_PROPERTY);
            else System.setProperty(ProfileCatalog.EXAMPLES_PROPERTY, before);
        }
    }
}

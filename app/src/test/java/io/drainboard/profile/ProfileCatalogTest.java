package io.drainboard.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Both ways to start the window say where the bundled examples are (docs/runtime-image.md): the image's launcher,
     * and {@code mvn -Pdemo}, which runs in app/ where the working folder has no profiles/.
     */
    @Test
    void theLaunchersSayWhereTheExamplesAre() throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        org.w3c.dom.NodeList executions = pom.getElementsByTagName("execution");
        java.util.List<String> demoArguments = new java.util.ArrayList<>();
        for (int i = 0; i < executions.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) executions.item(i);
            if (!"run-console".equals(e.getElementsByTagName("id").item(0).getTextContent())) continue;
            org.w3c.dom.NodeList args = e.getElementsByTagName("argument");
            for (int j = 0; j < args.getLength(); j++) demoArguments.add(args.item(j).getTextContent().trim());
        }
        assertTrue(demoArguments.contains("-D" + ProfileCatalog.EXAMPLES_PROPERTY + "=${maven.multiModuleProjectDirectory}/profiles"),
                "mvn -Pdemo's arguments: " + demoArguments);
        assertTrue(java.nio.file.Files.readString(Path.of("..", "jlink", "drainboard"))
                .contains("-D" + ProfileCatalog.EXAMPLES_PROPERTY + "=\"$image/profiles\""), "the image's launcher");
    }
}

package io.drainboard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileCatalogTest {
    @TempDir
    Path home;

    @Test
    void listsTheOperatorsProfilesFirstAndKeepsBadOnesApart() throws Exception {
        Path user = Files.createDirectories(home.resolve(".config/drainboard/profiles"));
        Files.writeString(user.resolve("b-staging.yaml"), "name: staging\nregion: eu-west-1\nsimulator: {}\n");
        Files.writeString(user.resolve("a-broken.yaml"), "name: broken\nregion: us-east-1\nreadOnyl: true\n");
        Files.writeString(user.resolve(".#lock.yaml"), "editor lock file");
        Files.writeString(user.resolve("notes.txt"), "not a profile");
        ProfileCatalog catalog = ProfileCatalog.standard(Map.of("HOME", home.toString()));
        List<ProfileCatalog.Entry> all = new ProfileCatalog(catalog.userDirectory(),
                Optional.of(Path.of("..", "profiles"))).entries();

        List<String> names = all.stream().map(ProfileCatalog.Entry::name).toList();
        assertEquals(List.of("a-broken.yaml", "staging"), names.subList(0, 2), "the operator's own first, by file name");
        assertTrue(names.containsAll(List.of("voice-prod", "demo", "voice-prod-incident")), names.toString());
        ProfileCatalog.Entry broken = all.get(0);
        assertFalse(broken.usable());
        assertTrue(broken.problems().get(0).endsWith("a-broken.yaml:3: unknown key 'readOnyl'; known keys here: accounts, aws, "
                + "callLength, calls, clusters, cordon, description, drain, guard, livekit, maxConcurrency, name, "
                + "production, readOnly, refresh, region, regions, serviceFilter, services, simulator"),
                broken.problems().get(0));
        assertEquals(ProfileCatalog.Origin.USER, all.get(1).origin());
        assertEquals(ProfileCatalog.Origin.EXAMPLE, all.get(3).origin());
        assertTrue(all.stream().skip(1).allMatch(ProfileCatalog.Entry::usable), "the bad file stops nothing else");
    }

    @Test
    void theOperatorsOwnProfileWinsOverAnExampleOfTheSameName() throws Exception {
        Path user = Files.createDirectories(home.resolve("xdg/drainboard/profiles"));
        Files.writeString(user.resolve("my-demo.yaml"), "name: demo\nregion: us-east-1\nsimulator: {speed: 2}\n");
        ProfileCatalog catalog = new ProfileCatalog(
                ProfileCatalog.standard(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString())).userDirectory(),
                Optional.of(Path.of("..", "profiles")));

        assertEquals(2.0, catalog.byName("demo").orElseThrow().simulator().orElseThrow().speed());
        ProfileCatalog.Entry example = catalog.entries().stream()
                .filter(e -> e.file().getFileName().toString().equals("demo.yaml")).findFirst().orElseThrow();
        assertFalse(example.usable());
        assertTrue(example.problems().get(0).contains("the name 'demo' is already used by " + user.resolve("my-demo.yaml")),
                example.problems().get(0));
    }

    @Test
    void missingDirectoriesGiveAnEmptyList() {
        ProfileCatalog catalog = new ProfileCatalog(home.resolve("nothing"), Optional.of(home.resolve("neither")));
        assertEquals(List.of(), catalog.entries());
        assertTrue(catalog.byName("demo").isEmpty());
    }
}

package io.drainboard.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lk CLI's {@code cli-config.yaml}: {@code projects: [{name, url, api_key, api_secret}]}
 * (lk {@code pkg/config/config.go}, ProjectConfig; project names match exactly, as LoadProject does).
 * Only read, never written; error messages name the file and line but never quote it, since the file
 * holds secrets.
 */
final class LkCliConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Project(String name, String url, String apiKey, String apiSecret) {
        @Override
        public String toString() {
            return "lk project " + name + " (" + url + ")";
        }
    }

    private final List<Project> projects;
    private final Optional<String> warning;

    private LkCliConfig(List<Project> projects, Optional<String> warning) {
        this.projects = projects;
        this.warning = warning;
    }

    static LkCliConfig read(Path file) throws CredentialsException {
        if (!Files.isRegularFile(file)) {
            throw new CredentialsException("the lk CLI config " + file + " does not exist; create a project with "
                    + "`lk project add NAME --url … --api-key … --api-secret …`, or name environment variables "
                    + "(livekit.apiKeyEnv/apiSecretEnv) instead");
        }
        JsonNode root;
        try {
            if (Files.size(file) > 1024 * 1024) throw new CredentialsException(file + " is too big for an lk CLI config");
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CredentialsException(file + (line > 0 ? ":" + line : "") + ": not valid YAML; fix that line "
                    + "or re-create the project with `lk project add`");
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        List<Project> projects = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("projects");
        if (list != null && list.isArray()) {
            for (JsonNode p : list) {
                if (!p.isObject()) continue;
                projects.add(new Project(text(p, "name"), text(p, "url"), text(p, "api_key"), text(p, "api_secret")));
            }
        }
        return new LkCliConfig(projects, permissionWarning(file));
    }

    Optional<Project> project(String name) throws CredentialsException {
        for (Project p : projects) {
            if (!p.name().equals(name)) continue;
            if (p.url().isEmpty() || p.apiKey().isEmpty() || p.apiSecret().isEmpty()) {
                throw new CredentialsException("lk project '" + name + "' lacks url, api_key or api_secret; re-add it"
                        + " with `lk project add " + name + " --url … --api-key … --api-secret …`");
            }
            return Optional.of(p);
        }
        return Optional.empty();
    }

    List<String> names() {
        return projects.stream().map(Project::name).filter(n -> !n.isEmpty()).toList();
    }

    Optional<String> warning() {
        return warning;
    }

    /** The lk CLI writes this file 0600 and warns when others can read it; so does Drainboard. */
    private static Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(file + " holds LiveKit secrets and can be read by other users; run chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isValueNode() ? "" : v.asText().trim();
    }
}

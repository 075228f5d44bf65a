package org.veilor.core.containers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registries configuration directory ({@code /etc/containers/registries.d/*.yaml},
 * containers-registries.d(5)): the files are merged, a scope (a {@code docker:} key, or
 * {@code default-docker}) may be defined in one file only, and only the section of the most
 * precisely matching scope applies to an image.
 */
public final class RegistriesDirectory {

    /** The key that makes containers/image read (and write) sigstore signatures attached to images. */
    public static final String SIGSTORE_ATTACHMENTS = "use-sigstore-attachments";
    private static final String DEFAULT_DOCKER = "default-docker";

    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private RegistriesDirectory() {
    }

    /**
     * @param files each {@code .yaml} file's name and parsed content (null for an empty file);
     *        other names are ignored, as containers/image ignores them
     */
    public static RegistriesDirectory of(Map<String, JsonNode> files) {
        RegistriesDirectory d = new RegistriesDirectory();
        for (Map.Entry<String, JsonNode> f : new TreeMap<>(files).entrySet()) {
            if (!f.getKey().endsWith(".yaml")) {
                continue;
            }
            JsonNode root = f.getValue();
            if (root == null || root.isNull() || root.isMissingNode()) {
                continue;
            }
            if (!root.isObject()) {
                d.problems.add(f.getKey() + " is not a YAML mapping");
                continue;
            }
            if (root.has(DEFAULT_DOCKER)) {
                d.add(f.getKey(), null, root.get(DEFAULT_DOCKER));
            }
            JsonNode docker = root.path("docker");
            if (docker.isObject()) {
                docker.fields().forEachRemaining(e -> d.add(f.getKey(), e.getKey(), e.getValue()));
            } else if (!docker.isMissingNode() && !docker.isNull()) {
                d.problems.add(f.getKey() + ": docker is not a mapping");
            }
        }
        return d;
    }

    private void add(String file, String scope, JsonNode config) {
        String key = scope == null ? DEFAULT_DOCKER : scope;
        Section had = sections.putIfAbsent(key, new Section(file, scope, config));
        if (had != null) {
            problems.add((scope == null ? "default-docker" : "scope " + scope) + " is defined in " + had.file() + " and in "
                    + file + "; containers/image refuses a scope defined twice");
        }
    }

    /** Conflicts and malformed files: containers/image fails on them. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The section that applies to an image: the most precise docker scope, else default-docker. */
    public Optional<Section> sectionFor(ImageReference image) {
        for (String scope : image.scopes()) {
            Section s = sections.get(scope);
            if (s != null && s.scope() != null) {
                return Optional.of(s);
            }
        }
        return Optional.ofNullable(sections.get(DEFAULT_DOCKER));
    }

    /** Every docker scope defined for this repository or one of its tags or digests, with its section. */
    public List<Section> sectionsOf(ImageReference repository) {
        String repo = repository.repository();
        return sections.values().stream().filter(s -> s.scope() != null
                && (s.scope().equals(repo) || s.scope().startsWith(repo + ":") || s.scope().startsWith(repo + "@"))).toList();
    }

    /**
     * One configuration section.
     *
     * @param file the file it is in
     * @param scope its docker scope, or {@code null} for default-docker
     */
    public record Section(String file, String scope, JsonNode config) {

        /** Whether sigstore signatures attached to images are read for this scope. */
        public boolean useSigstoreAttachments() {
            return config != null && config.path(SIGSTORE_ATTACHMENTS).asBoolean(false);
        }

        /** {@code veilor-veilor-os.yaml: docker["ghcr.io/veilor/veilor-os"]}. */
        public String describe() {
            return file + ": " + (scope == null ? "default-docker" : "docker[\"" + scope + "\"]");
        }
    }
}

package org.veilor.mesh.reticulum.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.veilor.core.ConfigException;

/**
 * Where {@code ujust install-reticulum} takes Reticulum from: the RetiNet (AGPL) fork's git
 * repository and version, and optionally the fork's Sideband. There is no default: the strategy
 * uses the fork, never upstream RNS, so an unset source makes the recipe refuse rather than guess.
 *
 * @param repository https URL of RetiNet's git repository, or empty when unset
 * @param version tag or commit, empty exactly when the repository is
 * @param sidebandRepository https URL of the fork's Sideband, or empty
 * @param sidebandVersion tag or commit, empty exactly when the Sideband repository is
 */
public record RetinetSource(String repository, String version, String sidebandRepository, String sidebandVersion) {

    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+/-]{0,99}";

    boolean configured() {
        return !repository.isEmpty();
    }

    boolean withSideband() {
        return !sidebandRepository.isEmpty();
    }

    /** One line for people: {@code https://…/retinet @ v1.0.0}, or why it is unset. */
    String describe() {
        if (!configured()) {
            return "unset (retinetRepository/retinetVersion): ujust install-reticulum refuses to run";
        }
        return repository + " @ " + version
                + (withSideband() ? "; Sideband " + sidebandRepository + " @ " + sidebandVersion : "; no Sideband");
    }

    static RetinetSource validate(String pid, String repository, String version, String sbRepository, String sbVersion) {
        String repo = strip(repository);
        String ver = strip(version);
        String sbRepo = strip(sbRepository);
        String sbVer = strip(sbVersion);
        pair(pid, "retinetRepository", repo, "retinetVersion", ver);
        pair(pid, "sidebandRepository", sbRepo, "sidebandVersion", sbVer);
        ConfigException.check(sbRepo.isEmpty() || !repo.isEmpty(), pid, "sidebandRepository", sbRepo,
                "needs retinetRepository: without the fork installed first, Sideband's dependencies would bring upstream RNS");
        return new RetinetSource(repo, ver, sbRepo, sbVer);
    }

    private static void pair(String pid, String repoKey, String repo, String versionKey, String version) {
        if (repo.isEmpty()) {
            ConfigException.check(version.isEmpty(), pid, versionKey, version, "is set but " + repoKey + " is not");
            return;
        }
        checkRepository(pid, repoKey, repo);
        ConfigException.check(!version.isEmpty(), pid, versionKey, null,
                "required with " + repoKey + ": a tag or commit, so every node installs the same code");
        ConfigException.check(version.matches(VERSION) && !version.contains(".."), pid, versionKey, version,
                "a tag or commit: letters, digits and . _ + / - (at most 100), not starting with a symbol");
    }

    private static void checkRepository(String pid, String key, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(pid, key, value, "not a URL: " + e.getReason());
        }
        ConfigException.check("https".equalsIgnoreCase(uri.getScheme()), pid, key, value,
                "must be an https:// git repository URL (nodes fetch it over the internet, authenticated by TLS)");
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        ConfigException.check(!host.isEmpty(), pid, key, value, "has no host name");
        ConfigException.check(uri.getUserInfo() == null, pid, key, value,
                "must not carry a user or token: the URL travels in the image");
        ConfigException.check(uri.getQuery() == null && uri.getFragment() == null, pid, key, value,
                "must not have a query or fragment");
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        ConfigException.check(path.length() > 1, pid, key, value, "names no repository (the path is empty)");
        ConfigException.check(!value.contains("@") && !value.contains(" "), pid, key, value,
                "must not contain '@' or spaces (the version goes in its own key)");
        // The strategy's rule 7: Reticulum comes from the RetiNet fork, never from upstream RNS.
        ConfigException.check(!(host.equals("github.com") || host.equals("www.github.com")) || !path.startsWith("/markqvist/"),
                pid, key, value, "is upstream Reticulum; the strategy installs the RetiNet (AGPL) fork");
        ConfigException.check(!host.endsWith("pypi.org") && !host.endsWith("pythonhosted.org"), pid, key, value,
                "is a package index, not the fork's git repository");
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}

package org.veilor.core.containers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference in the fully expanded form containers/image uses
 * ({@code docker.io/library/busybox:latest}, not {@code busybox:latest}).
 *
 * @param registry the registry host, with its port when it has one ({@code ghcr.io})
 * @param path the repository path inside the registry ({@code veilor/veilor-os})
 * @param tag the tag, or {@code null}
 * @param digest the digest ({@code sha256:…}), or {@code null}
 */
public record ImageReference(String registry, String path, String tag, String digest) {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses a reference as {@code podman pull} takes it, with an optional {@code docker://} prefix.
     * A first component without a dot, a colon or {@code localhost} is a Docker Hub path.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an image reference must not be empty");
        }
        String t = text.strip();
        if (t.startsWith("docker://")) {
            t = t.substring("docker://".length());
        }
        if (t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + text + "' is not an image reference: it contains spaces");
        }
        String digest = null;
        int at = t.indexOf('@');
        if (at >= 0) {
            digest = t.substring(at + 1);
            t = t.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + digest + "' is not a digest (algorithm:hex)");
            }
        }
        String tag = null;
        int slash = t.lastIndexOf('/');
        int colon = t.lastIndexOf(':');
        if (colon > slash) {
            tag = t.substring(colon + 1);
            t = t.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + tag + "' is not a tag");
            }
        }
        String registry;
        String path;
        int first = t.indexOf('/');
        String head = first < 0 ? t : t.substring(0, first);
        if (first >= 0 && (head.contains(".") || head.contains(":") || head.equals("localhost"))) {
            registry = head;
            path = t.substring(first + 1);
        } else {
            registry = "docker.io";
            path = first < 0 ? "library/" + t : t;
        }
        if (!HOST.matcher(registry).matches()) {
            throw new IllegalArgumentException("'" + text + "': '" + registry + "' is not a registry host");
        }
        for (String c : path.split("/", -1)) {
            if (!COMPONENT.matcher(c).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + c
                        + "' is not a repository name component (lower-case letters, digits, separators)");
            }
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /** The repository without tag or digest: {@code ghcr.io/veilor/veilor-os}. */
    public String repository() {
        return registry + "/" + path;
    }

    /** Whether both name the same repository (registry and path; tag and digest ignored). */
    public boolean sameRepository(ImageReference other) {
        return repository().equals(other.repository());
    }

    /** The same repository with another tag and no digest. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, path, newTag, null);
    }

    /**
     * The {@code docker:} scopes that can match this image, most specific first, as
     * containers-policy.json(5) and containers-registries.d(5) define them: the image itself (tag
     * or digest), the repository, each parent namespace, the registry host, then wildcarded parent
     * domains ({@code *.io}). The transport default and the global default come after all of them.
     */
    public List<String> scopes() {
        List<String> out = new ArrayList<>();
        if (digest != null) {
            out.add(repository() + "@" + digest);
        } else if (tag != null) {
            out.add(repository() + ":" + tag);
        }
        String p = path;
        out.add(registry + "/" + p);
        for (int i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/')) {
            p = p.substring(0, i);
            out.add(registry + "/" + p);
        }
        out.add(registry);
        String host = registry.contains(":") ? null : registry.toLowerCase(Locale.ROOT);
        while (host != null && host.contains(".")) {
            host = host.substring(host.indexOf('.') + 1);
            out.add("*." + host);
        }
        return out;
    }

    @Override
    public String toString() {
        return repository() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}

package org.veilor.core.contrib;

import java.util.Objects;

/**
 * Where packages come from: the Fedora repositories, a {@code .repo} file by URL (with its signing
 * key), or a COPR project.
 */
public record PackageSource(Kind kind, String ref, String keyUrl) {

    /** Kind of source. */
    public enum Kind {
        FEDORA,
        REPO_URL,
        COPR
    }

    public static final PackageSource FEDORA = new PackageSource(Kind.FEDORA, null, null);

    public PackageSource {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.FEDORA && (ref == null || ref.isBlank())) {
            throw new IllegalArgumentException(kind + " package source needs a reference");
        }
        if (kind == Kind.COPR && !ref.matches("[A-Za-z0-9_.@-]+/[A-Za-z0-9_.+-]+")) {
            throw new IllegalArgumentException("COPR project must be owner/project: " + ref);
        }
    }

    /** A {@code .repo} file by https URL, with the URL of its GPG key (may be null if the repo file names it). */
    public static PackageSource repoUrl(String url, String keyUrl) {
        return new PackageSource(Kind.REPO_URL, url, keyUrl);
    }

    public static PackageSource copr(String ownerProject) {
        return new PackageSource(Kind.COPR, ownerProject, null);
    }
}

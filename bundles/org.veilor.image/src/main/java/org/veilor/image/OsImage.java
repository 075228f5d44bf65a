package org.veilor.image;

/**
 * The veilor-os OCI image this instance publishes (PID {@code org.veilor.image}), for concerns that
 * point machines at it, such as the kickstart's {@code ostreecontainer --url}.
 */
public interface OsImage {

    /** Registry, namespace and name without tag: {@code ghcr.io/veilor/veilor-os}. */
    String repository();

    /** The published reference with its Fedora-major tag: {@code ghcr.io/veilor/veilor-os:43}. */
    String reference();

    /** The Fedora release the image follows. */
    int fedoraMajor();
}

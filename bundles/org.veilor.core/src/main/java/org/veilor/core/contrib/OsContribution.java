package org.veilor.core.contrib;

/**
 * What a concern adds to the veilor-os image (whiteboard service). Contributions are static: they
 * need no per-deployment value and are registered whenever the bundle is installed, so the
 * operator's image carries every concern. Per-deployment values reach nodes through the node
 * profile instead.
 */
public interface OsContribution {

    /** Stable id, used in ordering and in error messages: normally the bundle's symbolic name. */
    String id();

    /** The additions; called each time the image is rendered. */
    ImageContribution contribution();
}

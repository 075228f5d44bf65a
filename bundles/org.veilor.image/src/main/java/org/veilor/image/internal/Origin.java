package org.veilor.image.internal;

import java.util.Objects;

/**
 * Who contributed something: the registering bundle and the contribution's id, so an error can name
 * both bundles of a conflict.
 */
public record Origin(String bundle, String id) implements Comparable<Origin> {

    /** The image bundle's own additions (node runtime, the strategy's overrides). */
    public static final Origin IMAGE = new Origin("org.veilor.image", "org.veilor.image");
    /** The operator's overlay folder. */
    public static final Origin OVERLAY = new Origin("operator overlay", "operator overlay");

    public Origin {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(id, "id");
    }

    /** {@code org.veilor.mesh}, or {@code org.veilor.mesh (contribution tailscale)} when the id differs. */
    public String label() {
        return id.equals(bundle) ? bundle : bundle + " (contribution " + id + ")";
    }

    @Override
    public int compareTo(Origin o) {
        int c = id.compareTo(o.id);
        return c != 0 ? c : bundle.compareTo(o.bundle);
    }

    @Override
    public String toString() {
        return label();
    }
}

package org.veilor.mesh;

/** The three overlay layers of the strategy. */
public enum LayerKind {
    /** Tailscale + Headscale: the daily driver. */
    L3A("L3a", "Tailscale"),
    /** Yggdrasil: the warm fallback, idle until promoted. */
    L3B("L3b", "Yggdrasil"),
    /** Reticulum over LoRa radios: opt-in, for when the internet is gone. */
    L3C("L3c", "Reticulum");

    private final String label;
    private final String technology;

    LayerKind(String label, String technology) {
        this.label = label;
        this.technology = technology;
    }

    /** {@code L3a}, {@code L3b}, {@code L3c}. */
    public String label() {
        return label;
    }

    public String technology() {
        return technology;
    }

    @Override
    public String toString() {
        return label;
    }
}

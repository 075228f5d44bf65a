package org.veilor.mesh;

import java.util.Set;
import org.veilor.core.ReleaseStage;

/**
 * The three threat floors of DESIGN.md: an attack, the layer that survives it, and the release
 * stage from which the strategy promises it. Whether a floor holds is a technical fact, reported
 * whatever the stage.
 */
public enum Floor {
    /** The ISP blocks the login server's DNS: Tailscale dies. */
    I("i", "ISP blocks the login server's DNS",
            "Yggdrasil with at least one peer up whose address is an IP literal or a name outside the login server's domain",
            Set.of(LayerKind.L3B), ReleaseStage.V0_7),
    /** The ISP blocks the Tailscale protocol. */
    II("ii", "ISP blocks the Tailscale protocol", "Yggdrasil with a wss://…:443 peer up", Set.of(LayerKind.L3B),
            ReleaseStage.V0_8),
    /** No internet at all. */
    III("iii", "internet unreachable",
            "Reticulum over LoRa: rnsd running on an RNode that was detected and verified before it was handed to rnsd, its device still present",
            Set.of(LayerKind.L3C), ReleaseStage.V0_8);

    private final String label;
    private final String attack;
    private final String survivesBy;
    private final Set<LayerKind> carriers;
    private final ReleaseStage promisedFrom;

    Floor(String label, String attack, String survivesBy, Set<LayerKind> carriers, ReleaseStage promisedFrom) {
        this.label = label;
        this.attack = attack;
        this.survivesBy = survivesBy;
        this.carriers = carriers;
        this.promisedFrom = promisedFrom;
    }

    /** {@code i}, {@code ii}, {@code iii}. */
    public String label() {
        return label;
    }

    public String attack() {
        return attack;
    }

    /** What survives the attack, in the words of DESIGN.md. */
    public String survivesBy() {
        return survivesBy;
    }

    /** The layers that can carry this floor. */
    public Set<LayerKind> carriers() {
        return carriers;
    }

    /** The first release stage at which the strategy promises the floor. */
    public ReleaseStage promisedFrom() {
        return promisedFrom;
    }

    /** Whether the strategy promises the floor at a stage. */
    public boolean promisedAt(ReleaseStage stage) {
        return stage.atLeast(promisedFrom);
    }

    /** Parses {@code i}, {@code ii} or {@code iii} (also upper case). */
    public static Floor parse(String text) {
        for (Floor f : values()) {
            if (f.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("not a threat floor: '" + text + "' (allowed: i, ii, iii)");
    }

    @Override
    public String toString() {
        return "(" + label + ")";
    }
}

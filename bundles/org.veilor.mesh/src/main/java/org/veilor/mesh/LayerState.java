package org.veilor.mesh;

/**
 * What a layer is doing now.
 *
 * <ul>
 * <li>{@link #DISABLED}: installed but deliberately not running (not joined yet, opt-in not
 * started); never a reason to fail over;</li>
 * <li>{@link #IDLE}: running in its standby form (Yggdrasil with its one public peer, not
 * promoted);</li>
 * <li>{@link #ACTIVE}: carrying traffic as intended (Tailscale connected; Yggdrasil promoted;
 * rnsd running on a verified radio);</li>
 * <li>{@link #DOWN}: meant to run but not working; the detail says why.</li>
 * </ul>
 */
public enum LayerState {
    DISABLED,
    IDLE,
    ACTIVE,
    DOWN;

    /** Whether the layer is up (idle or active), so it can carry a threat floor. */
    public boolean up() {
        return this == IDLE || this == ACTIVE;
    }

    /** Lower-case name, as shown by {@code mesh:status}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

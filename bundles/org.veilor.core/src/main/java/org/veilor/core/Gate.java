package org.veilor.core;

/**
 * What the strategy allows only from a given release stage (or under a given condition).
 * Each gate carries the strategy's reason, which is what a refusal shows.
 */
public enum Gate {
    /** Seeding is Phase 2 of the strategy: from v0.8, once iroh 1.0 shipped. */
    SEEDING(ReleaseStage.V0_8, "seeding is Phase 2 of the strategy and starts at release v0.8"),
    /** Automatic failover to Yggdrasil: at v0.7 the supervisor only reports. */
    MESH_FAILOVER(ReleaseStage.V0_8,
            "Yggdrasil becomes the documented failover at release v0.8; before that the mesh supervisor only reports"),
    /** Threat floors (ii) and (iii) are promised from v0.8; (i) from day 1 (v0.7). */
    FLOORS_II_III_PROMISED(ReleaseStage.V0_8, "the strategy promises threat floors (ii) and (iii) from release v0.8"),
    /** The {@code bootc} kickstart command; {@code ostreecontainer} is used through v0.8. */
    BOOTC_KICKSTART(ReleaseStage.V1_0,
            "the bootc kickstart command is used only from release v1.0 (it blocks multi-disk installs and authenticated registries); use ostreecontainer before that"),
    /**
     * {@code veilor-update}, the thin wrapper around {@code bootc upgrade --apply} through the node
     * agent, ships in the image from v1.0; before that {@code ujust update} keeps secureblue's path.
     */
    UPDATE_WRAPPER(ReleaseStage.V1_0,
            "veilor-update (the node agent's wrapper around bootc upgrade) ships from release v1.0; before that ujust update keeps secureblue's own update path"),
    /** A public bootstrap ISO: never while the external Traefik no-guest ACL gap is open. */
    PUBLIC_ISO(ReleaseStage.V0_5, "no public ISO while the external guest-ACL blocker is open");

    private final ReleaseStage from;
    private final String reason;

    Gate(ReleaseStage from, String reason) {
        this.from = from;
        this.reason = reason;
    }

    /** The first stage at which the gate can open. */
    public ReleaseStage from() {
        return from;
    }

    /** The strategy's reason, shown when the gate is closed. */
    public String reason() {
        return reason;
    }
}

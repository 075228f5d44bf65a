package org.veilor.mesh;

import java.util.Objects;

/**
 * A layer's statement about one floor it can carry: whether it would survive the floor's attack
 * right now, and why (the peer that makes it so, or what is missing).
 */
public record FloorClaim(Floor floor, boolean survives, String reason) {

    public FloorClaim {
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(reason, "reason");
    }

    public static FloorClaim survives(Floor floor, String reason) {
        return new FloorClaim(floor, true, reason);
    }

    public static FloorClaim fails(Floor floor, String reason) {
        return new FloorClaim(floor, false, reason);
    }
}

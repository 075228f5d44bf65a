package org.veilor.mesh;

import java.util.List;
import java.util.Objects;

/**
 * Whether a threat floor holds now, and why.
 *
 * @param floor the floor
 * @param holds whether some layer that is up survives the floor's attack now
 * @param reason why it holds (the layer and what makes it so) or why not (each carrier's state,
 *     or that no carrier is installed)
 * @param carriedBy the ids of the layers that make it hold (empty when it does not)
 * @param promised whether the strategy promises this floor at the current release stage
 */
public record FloorAssessment(Floor floor, boolean holds, String reason, List<String> carriedBy, boolean promised) {

    public FloorAssessment {
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(reason, "reason");
        carriedBy = List.copyOf(carriedBy);
    }

    /** A promised floor that does not hold: the strategy's promise is broken right now. */
    public boolean breached() {
        return promised && !holds;
    }
}

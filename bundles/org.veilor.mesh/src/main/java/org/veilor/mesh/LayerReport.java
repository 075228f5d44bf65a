package org.veilor.mesh;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the supervisor knows about one layer: its last probe, and since when it has been in that
 * state (stamped by the supervisor when the state changed; the first probe after the layer
 * appeared otherwise).
 *
 * @param id the layer's id
 * @param kind L3a, L3b or L3c
 * @param state the state of the last probe; {@code null} before the first probe finished
 * @param detail one line for people
 * @param since when the layer entered this state (or appeared, before the first probe)
 * @param floors the floors the layer can carry at best
 * @param claims its claims about them at the last probe
 * @param promotable whether the supervisor can promote it
 */
public record LayerReport(String id, LayerKind kind, LayerState state, String detail, Instant since,
        Set<Floor> floors, List<FloorClaim> claims, boolean promotable) {

    public LayerReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        detail = detail == null ? "" : detail;
        floors = Set.copyOf(floors);
        claims = List.copyOf(claims);
    }

    /** Whether the layer has been probed at least once. */
    public boolean probed() {
        return state != null;
    }

    /** The state for display: {@code probing…} before the first probe. */
    public String stateLabel() {
        return state == null ? "probing" : state.label();
    }
}

package org.veilor.mesh;

import java.util.List;
import java.util.Objects;

/**
 * The result of one probe of a layer: its state, a one-line detail for people, and its claims
 * about the floors it can carry. A layer in state {@link LayerState#DOWN} or
 * {@link LayerState#DISABLED} carries no floor, whatever its claims say.
 */
public record LayerStatus(LayerState state, String detail, List<FloorClaim> floors) {

    public LayerStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        floors = List.copyOf(floors);
    }

    public static LayerStatus of(LayerState state, String detail, FloorClaim... floors) {
        return new LayerStatus(state, detail, List.of(floors));
    }

    public static LayerStatus down(String detail) {
        return new LayerStatus(LayerState.DOWN, detail, List.of());
    }

    public static LayerStatus disabled(String detail) {
        return new LayerStatus(LayerState.DISABLED, detail, List.of());
    }
}

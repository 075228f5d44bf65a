package org.veilor.mesh;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.veilor.core.ReleaseStage;

/**
 * A snapshot of the mesh: every layer, the three floors, the failover mode.
 *
 * @param stage the release stage the assessment was made at
 * @param probeSeconds the probe period
 * @param lastProbe when the last full probe round ended, or {@code null} before the first
 * @param layers the layers, ordered by kind then id
 * @param floors the three floors, in order
 * @param failover the failover state
 */
public record MeshReport(ReleaseStage stage, int probeSeconds, Instant lastProbe, List<LayerReport> layers,
        List<FloorAssessment> floors, FailoverStatus failover) {

    public MeshReport {
        Objects.requireNonNull(stage, "stage");
        layers = List.copyOf(layers);
        floors = List.copyOf(floors);
        Objects.requireNonNull(failover, "failover");
    }

    /** The assessment of one floor. */
    public FloorAssessment floor(Floor floor) {
        return floors.stream().filter(f -> f.floor() == floor).findFirst().orElseThrow();
    }
}

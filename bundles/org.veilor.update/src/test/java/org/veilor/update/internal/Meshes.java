package org.veilor.update.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.veilor.core.ReleaseStage;
import org.veilor.mesh.FailoverStatus;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;

/** Mesh supervisors that answer a fixed snapshot, as the real one reports its last probe round. */
final class Meshes {

    private Meshes() {
    }

    static MeshSupervisor of(Instant lastProbe, LayerReport... layers) {
        MeshReport r = new MeshReport(ReleaseStage.V0_7, 30, lastProbe, List.of(layers), List.of(),
                new FailoverStatus(false, "report only", List.of(), "", null));
        return new MeshSupervisor() {
            @Override
            public MeshReport report() {
                return r;
            }

            @Override
            public MeshReport refresh() {
                return r;
            }
        };
    }

    static LayerReport layer(LayerKind kind, String id, LayerState state, String detail) {
        return new LayerReport(id, kind, state, detail, Instant.EPOCH, Set.of(), List.of(), false);
    }
}

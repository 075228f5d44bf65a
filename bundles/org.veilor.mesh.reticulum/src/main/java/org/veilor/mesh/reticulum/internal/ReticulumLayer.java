package org.veilor.mesh.reticulum.internal;

import java.util.Set;
import org.veilor.mesh.Floor;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.mesh.MeshLayer;

/**
 * L3c: Reticulum over LoRa, seen through rnsd's systemd unit and the RNode radio's status. It is
 * never started by the layer: disabled until {@code mesh:reticulum start}; active while rnsd runs;
 * floor (iii) only with a verified radio handed to rnsd and still present.
 */
final class ReticulumLayer implements MeshLayer {

    private final ReticulumControl control;

    ReticulumLayer(ReticulumControl control) {
        this.control = control;
    }

    @Override
    public String id() {
        return "reticulum";
    }

    @Override
    public LayerKind kind() {
        return LayerKind.L3C;
    }

    @Override
    public Set<Floor> floors() {
        return Set.of(Floor.III);
    }

    @Override
    public LayerStatus probe(MeshContext context) {
        return control.assess();
    }
}

package org.veilor.update.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;

/**
 * Whether a freshly booted deployment works: {@code veilor.service} is active (systemd's view of
 * the node agent) and every mesh layer the supervisor tracks has been probed and is not down (a
 * disabled layer — not joined yet, opt-in not started — is fine). Reads the supervisor's last
 * snapshot; never probes the layers itself (only the supervisor does).
 */
public final class HealthProbe {

    public static final String UNIT = "veilor.service";
    private static final Duration SYSTEMCTL_TIMEOUT = Duration.ofSeconds(15);

    private final Host host;
    private final Supplier<MeshSupervisor> mesh;

    public HealthProbe(Host host, Supplier<MeshSupervisor> mesh) {
        this.host = host;
        this.mesh = mesh;
    }

    /** What is not healthy; empty when everything is. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        unit(out);
        mesh(out);
        return out;
    }

    private void unit(List<String> out) {
        try {
            ProcessResult r = host.run(ProcessSpec.of("systemctl", "is-active", UNIT).timeout(SYSTEMCTL_TIMEOUT).build());
            String state = r.stdout().strip();
            if (r.timedOut()) {
                out.add("systemctl is-active " + UNIT + " did not answer within " + SYSTEMCTL_TIMEOUT.toSeconds() + " s");
            } else if (!state.equals("active")) {
                out.add(UNIT + " is " + (state.isEmpty() ? "unknown (" + r.describeFailure() + ")" : state));
            }
        } catch (IOException e) {
            out.add("cannot ask systemd about " + UNIT + ": " + e.getMessage());
        }
    }

    private void mesh(List<String> out) {
        MeshSupervisor m = mesh.get();
        if (m == null) {
            out.add("the mesh supervisor is not running (feature veilor-mesh, PID org.veilor.mesh)");
            return;
        }
        MeshReport r = m.report();
        if (r.lastProbe() == null) {
            out.add("the mesh layers have not been probed yet");
            return;
        }
        for (LayerReport l : r.layers()) {
            String name = l.kind() + " (" + l.kind().technology() + ")";
            if (!l.probed()) {
                out.add(name + " has not been probed yet");
            } else if (l.state() == LayerState.DOWN) {
                out.add(name + " is down" + (l.detail().isEmpty() ? "" : ": " + l.detail()));
            }
        }
    }
}

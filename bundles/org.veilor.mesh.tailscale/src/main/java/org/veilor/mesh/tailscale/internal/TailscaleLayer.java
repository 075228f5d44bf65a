package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.mesh.Floor;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.mesh.MeshLayer;

/**
 * L3a: the Tailscale client, seen through {@code tailscale status --json} run by {@link Host}.
 * When tailscaled does not answer, {@code systemctl} tells a node that has not joined yet
 * (tailscaled disabled, as installed) from a broken one.
 */
public class TailscaleLayer implements MeshLayer {

    static final String UNIT = "tailscaled.service";

    private final Logger logger = LoggerFactory.getLogger(TailscaleLayer.class);
    private final Host host;
    private final Supplier<TailscaleSettings> settings;

    TailscaleLayer(Host host, Supplier<TailscaleSettings> settings) {
        this.host = host;
        this.settings = settings;
    }

    @Override
    public String id() {
        return "tailscale";
    }

    @Override
    public LayerKind kind() {
        return LayerKind.L3A;
    }

    @Override
    public Set<Floor> floors() {
        return Set.of();
    }

    @Override
    public Optional<String> loginServer() {
        return Optional.of(settings.get().loginServer());
    }

    @Override
    public LayerStatus probe(MeshContext context) {
        TailscaleSettings s = settings.get();
        if (host.which("tailscale").isEmpty()) {
            return LayerStatus.down("tailscale is not installed (not on the executable search path)");
        }
        ProcessResult r;
        try {
            r = host.run(ProcessSpec.of("tailscale", "status", "--json")
                    .timeout(Duration.ofSeconds(s.statusTimeoutSeconds())).outputCap(8 << 20).build());
        } catch (IOException e) {
            return LayerStatus.down("cannot run tailscale: " + e.getMessage());
        }
        if (r.timedOut()) {
            return LayerStatus.down("tailscale status did not answer within " + s.statusTimeoutSeconds() + " s");
        }
        if (!r.stdout().isBlank()) {
            try {
                return TailscaleAssessment.assess(TailscaleStatusParser.parse(r.stdout()), s.loginServer());
            } catch (IOException e) {
                if (r.ok()) {
                    return LayerStatus.down(e.getMessage());
                }
                logger.debug("tailscale status printed no usable JSON: {}", e.getMessage());
            }
        }
        return daemonState(r, s);
    }

    /** tailscale could not talk to tailscaled: is that because the node has not joined? */
    private LayerStatus daemonState(ProcessResult status, TailscaleSettings s) {
        String enabled = systemctl("is-enabled", s);
        if (enabled.equals("disabled")) {
            return LayerStatus.disabled("tailscaled is disabled: the node has not joined yet (mesh:join KEY, or ujust veilor-join)");
        }
        if (enabled.equals("masked")) {
            return LayerStatus.disabled("tailscaled is masked");
        }
        String active = systemctl("is-active", s);
        if (active.equals("active")) {
            return LayerStatus.down("tailscaled runs but does not answer: " + status.describeFailure());
        }
        return LayerStatus.down("tailscaled is not running" + (active.isEmpty() ? "" : " (" + active + ")") + ": "
                + status.describeFailure());
    }

    /** First line of {@code systemctl VERB tailscaled.service} (its exit code is its answer too), or empty. */
    private String systemctl(String verb, TailscaleSettings s) {
        if (host.which("systemctl").isEmpty()) {
            return "";
        }
        try {
            ProcessResult r = host.run(ProcessSpec.of("systemctl", verb, UNIT)
                    .timeout(Duration.ofSeconds(s.statusTimeoutSeconds())).build());
            String out = r.stdout().strip();
            int nl = out.indexOf('\n');
            return nl < 0 ? out : out.substring(0, nl);
        } catch (IOException e) {
            logger.debug("systemctl {} {} failed: {}", verb, UNIT, e.getMessage());
            return "";
        }
    }
}

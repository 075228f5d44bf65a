package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.Justfile;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/**
 * What L3a adds to the image (static: no per-deployment value; the login server reaches nodes
 * through the node profile): tailscale from Fedora with tailscaled disabled at install (rule 5:
 * nothing joins before the user says so), the first-boot join (unit, script, ujust recipe, a
 * camera grabber for the QR code), and firewalld entries — tailscale0 in the veilor-tailnet zone, WireGuard's UDP
 * port open, the agent's SSH port 8101 only on lo and tailscale0.
 */
@Component(service = OsContribution.class)
public class TailscaleContribution implements OsContribution {

    static final String SCRIPT = "/usr/libexec/veilor/veilor-join";
    static final String UNIT = "veilor-join-firstboot.service";
    static final String UNIT_PATH = "/usr/lib/systemd/system/" + UNIT;
    /**
     * The zone tailscale0 is bound to; the agent's SSH port is opened only there (and on loopback,
     * which firewalld always accepts). A dedicated zone rather than firewalld's {@code trusted}: a
     * tailnet peer reaches only what a concern opens in it, on top of the Headscale tiers. The
     * image's node runtime adds the same entries; identical entries merge.
     */
    static final String MESH_ZONE = "veilor-tailnet";
    /** The underlay zone where tailscaled's WireGuard port is opened (firewalld's default zone). */
    static final String UNDERLAY_ZONE = "public";

    @Override
    public String id() {
        return "org.veilor.mesh.tailscale";
    }

    @Override
    public ImageContribution contribution() {
        return ImageContribution.builder()
                // fswebcam grabs one frame of the enrolment page's QR code for mesh:join --qr.
                .packages(PackageSet.install(PackageSource.FEDORA, "tailscale", "fswebcam"))
                .unit(UnitState.disabled(TailscaleLayer.UNIT))
                .unit(UnitState.enabled(UNIT))
                .file(OsFile.text(SCRIPT, resource("veilor-join.sh"), FileAttrs.EXECUTABLE))
                .file(OsFile.text(UNIT_PATH, resource(UNIT), FileAttrs.PUBLIC))
                .justfile(new Justfile("veilor-join.just", resource("veilor-join.just")))
                .firewall(FirewallEntry.iface(MESH_ZONE, "tailscale0"))
                .firewall(FirewallEntry.port(MESH_ZONE, "8101/tcp"))
                .firewall(FirewallEntry.port(UNDERLAY_ZONE, "41641/udp"))
                .build();
    }

    static String resource(String name) {
        try (InputStream in = TailscaleContribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from org.veilor.mesh.tailscale");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

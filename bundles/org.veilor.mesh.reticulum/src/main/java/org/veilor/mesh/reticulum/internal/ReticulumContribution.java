package org.veilor.mesh.reticulum.internal;

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
 * What L3c adds to the image (static: the RetiNet source and every other per-deployment value reach
 * nodes through the node profile). Nothing here runs Reticulum: the rnsd unit is installed disabled
 * (rule 7: opt-in, never auto-started), RetiNet itself is installed only by
 * {@code ujust install-reticulum}, and the AutoInterface zone binds nothing until rnsd is started
 * on request.
 */
@Component(service = OsContribution.class, name = "org.veilor.mesh.reticulum.contribution")
public class ReticulumContribution implements OsContribution {

    static final String SCRIPT = "/usr/libexec/veilor/veilor-reticulum";
    static final String UNIT_PATH = "/usr/lib/systemd/system/" + RnsdUnit.UNIT;
    static final String SYSUSERS_PATH = "/usr/lib/sysusers.d/veilor-reticulum.conf";
    /** AutoInterface's discovery and data ports (mesh-radio.md §4.3). */
    static final String DISCOVERY_PORT = "29716/udp";
    static final String DATA_PORT = "42671/udp";

    @Override
    public String id() {
        return "org.veilor.mesh.reticulum";
    }

    @Override
    public ImageContribution contribution() {
        return ImageContribution.builder()
                // pip fetches the fork by git; python3 (with venv) is in the base image.
                .packages(PackageSet.install(PackageSource.FEDORA, "git-core"))
                .file(OsFile.text(UNIT_PATH, resource("rnsd.service"), FileAttrs.PUBLIC))
                .unit(UnitState.disabled(RnsdUnit.UNIT))
                .file(OsFile.text(SYSUSERS_PATH, resource("veilor-reticulum.sysusers"), FileAttrs.PUBLIC))
                .file(OsFile.text(SCRIPT, resource("veilor-reticulum.sh"), FileAttrs.EXECUTABLE))
                .justfile(new Justfile("veilor-reticulum.just", resource("veilor-reticulum.just")))
                // A zone of its own, bound to nothing in the image (see AutoInterfaceFirewall): DHCPv6
                // and mDNS stay open for link-local sources while they are bound to it.
                .firewall(FirewallEntry.port(AutoInterfaceFirewall.ZONE, DISCOVERY_PORT))
                .firewall(FirewallEntry.port(AutoInterfaceFirewall.ZONE, DATA_PORT))
                .firewall(FirewallEntry.service(AutoInterfaceFirewall.ZONE, "dhcpv6-client"))
                .firewall(FirewallEntry.service(AutoInterfaceFirewall.ZONE, "mdns"))
                .build();
    }

    static String resource(String name) {
        try (InputStream in = ReticulumContribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from org.veilor.mesh.reticulum");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

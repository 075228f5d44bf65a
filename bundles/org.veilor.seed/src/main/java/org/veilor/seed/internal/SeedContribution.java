package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.veilor.core.FileAttrs;
import org.veilor.core.Gate;
import org.veilor.core.ReleaseGates;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.UnitState;

/**
 * What seeding adds to the image: {@code veilor-seed.service} (the seed profile as {@code _veilor-seed},
 * hardened: the whole file system read-only but its base), the sysusers.d entry making that user,
 * and the seed port opened in the {@code veilor-tailnet} zone, where tailscale0 is, so other nodes
 * reach the transport over the tailnet only (the mesh and the node runtime add the same interface
 * entry; identical entries merge). The unit is enabled only when the operator's release stage
 * allows seeding (from v0.8), decided each time the image is rendered.
 */
@Component(service = OsContribution.class, name = "org.veilor.seed.contribution")
public class SeedContribution implements OsContribution {

    static final String UNIT = "veilor-seed.service";
    static final String UNIT_PATH = "/usr/lib/systemd/system/" + UNIT;
    static final String SYSUSERS_PATH = "/usr/lib/sysusers.d/veilor-seed.conf";
    static final String ZONE = "veilor-tailnet";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReleaseGates gates;

    @Override
    public String id() {
        return "org.veilor.seed";
    }

    @Override
    public ImageContribution contribution() {
        ReleaseGates g = gates;
        boolean seeding = g != null && g.check(Gate.SEEDING).allowed();
        return ImageContribution.builder()
                .file(OsFile.text(UNIT_PATH, resource(UNIT), FileAttrs.PUBLIC))
                .file(OsFile.text(SYSUSERS_PATH, resource("veilor-seed.sysusers"), FileAttrs.PUBLIC))
                .unit(seeding ? UnitState.enabled(UNIT) : UnitState.disabled(UNIT))
                .firewall(FirewallEntry.iface(ZONE, "tailscale0"))
                .firewall(FirewallEntry.port(ZONE, seedPort() + "/tcp"))
                .build();
    }

    /** The seed port: the default of {@link SeedConfig#transportPort()}, the one place it is written down. */
    static int seedPort() {
        try {
            return (Integer) SeedConfig.class.getMethod("transportPort").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = SeedContribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from org.veilor.seed");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

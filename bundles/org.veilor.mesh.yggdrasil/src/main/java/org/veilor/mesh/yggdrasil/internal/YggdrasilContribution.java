package org.veilor.mesh.yggdrasil.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/**
 * What L3b adds to the image (static: the peers and keys reach nodes through the node profile):
 * yggdrasil-go from its upstream COPR — Fedora's own {@code yggdrasil} is an unrelated MQTT device
 * agent, and a COPR source pins the package to its repository, which the image lint checks —
 * with {@code yggdrasil.service} enabled (rule 6) and a drop-in that runs the agent's config as the
 * service user; the first-boot key unit and script (the key is made on the node, never in the
 * image); the service user; and ygg0 in a zone of its own, veilor-yggdrasil, where nothing is open:
 * ygg0 reaches the whole public Yggdrasil network, so it gets none of the tailnet's trust.
 */
@Component(service = OsContribution.class)
public class YggdrasilContribution implements OsContribution {

    /** yggdrasil-go's upstream COPR (yggdrasil-network.github.io, "Installing on Fedora"). */
    static final String COPR = "neilalexander/yggdrasil-go";
    static final String SCRIPT = "/usr/libexec/veilor/veilor-yggdrasil-key";
    static final String KEY_UNIT = "veilor-yggdrasil-key.service";
    static final String KEY_UNIT_PATH = "/usr/lib/systemd/system/" + KEY_UNIT;
    static final String DAEMON_UNIT = "yggdrasil.service";
    static final String DROP_IN = "/usr/lib/systemd/system/yggdrasil.service.d/50-veilor.conf";
    static final String SYSUSERS = "/usr/lib/sysusers.d/veilor-yggdrasil.conf";
    /** The upstream package's helper that writes a config with a random key when none exists: not wanted. */
    static final String DEFAULT_CONFIG_UNIT = "yggdrasil-default-config.service";
    static final String ZONE = "veilor-yggdrasil";
    static final String INTERFACE = "ygg0";

    @Override
    public String id() {
        return "org.veilor.mesh.yggdrasil";
    }

    @Override
    public ImageContribution contribution() {
        return ImageContribution.builder()
                .packages(PackageSet.install(PackageSource.copr(COPR), "yggdrasil"))
                // openssl makes the node key at first boot.
                .packages(PackageSet.install(PackageSource.FEDORA, "openssl"))
                .unit(UnitState.enabled(DAEMON_UNIT))
                .unit(UnitState.enabled(KEY_UNIT))
                .unit(new UnitState(DEFAULT_CONFIG_UNIT, UnitState.Scope.SYSTEM, UnitState.State.MASKED))
                .file(OsFile.text(SCRIPT, resource("veilor-yggdrasil-key.sh"), FileAttrs.EXECUTABLE))
                .file(OsFile.text(KEY_UNIT_PATH, resource(KEY_UNIT), FileAttrs.PUBLIC))
                .file(OsFile.text(DROP_IN, resource("yggdrasil-veilor.conf"), FileAttrs.PUBLIC))
                .file(OsFile.text(SYSUSERS, resource("veilor-yggdrasil.sysusers"), FileAttrs.PUBLIC))
                .firewall(FirewallEntry.iface(ZONE, INTERFACE))
                .build();
    }

    static String resource(String name) {
        try (InputStream in = YggdrasilContribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from org.veilor.mesh.yggdrasil");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

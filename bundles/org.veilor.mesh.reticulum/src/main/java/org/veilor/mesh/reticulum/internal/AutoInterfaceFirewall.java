package org.veilor.mesh.reticulum.internal;

import java.io.IOException;
import java.time.Duration;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * Opens AutoInterface's ports only while rnsd runs. The image ships the {@value #ZONE} zone with
 * UDP 29716 and 42671 (and DHCPv6/mDNS, so link-local basics keep working) but binds nothing to
 * it, so a node that never opts in is unchanged. While rnsd runs, link-local IPv6 sources — the
 * only ones AutoInterface uses — are bound to it in firewalld's runtime configuration (never the
 * permanent one): stopping rnsd or rebooting closes the ports again.
 */
final class AutoInterfaceFirewall {

    static final String ZONE = "veilor-reticulum";
    static final String LINK_LOCAL = "fe80::/10";
    /** firewall-cmd's exit code when firewalld does not run (then nothing filters the ports anyway). */
    private static final int NOT_RUNNING = 252;

    private final Host host;

    AutoInterfaceFirewall(Host host) {
        this.host = host;
    }

    /** Binds link-local sources to the zone; returns a line saying what happened. */
    String open() throws IOException {
        return change("--add-source=" + LINK_LOCAL, "AutoInterface ports UDP 29716 and 42671 opened for link-local peers"
                + " (firewalld zone " + ZONE + ", runtime only)");
    }

    /** Undoes {@link #open}; returns a line saying what happened. */
    String close() throws IOException {
        return change("--remove-source=" + LINK_LOCAL, "AutoInterface ports closed again (firewalld zone " + ZONE + ")");
    }

    private String change(String arg, String done) throws IOException {
        if (host.which("firewall-cmd").isEmpty()) {
            return "firewall-cmd is not installed: the AutoInterface ports are not managed here";
        }
        ProcessResult r = host.run(ProcessSpec.of("firewall-cmd", "--zone=" + ZONE, arg).timeout(Duration.ofSeconds(30)).build());
        if (r.exitCode() == NOT_RUNNING) {
            return "firewalld is not running: nothing filters the AutoInterface ports";
        }
        String out = (r.stdout() + r.stderr()).strip();
        // Adding a bound source or removing an unbound one is only a warning; firewalld still exits 0.
        if (!r.ok() && !out.contains("ALREADY_ENABLED") && !out.contains("NOT_ENABLED") && !out.contains("UNKNOWN_SOURCE")) {
            throw new IOException("firewall-cmd " + arg + " in zone " + ZONE + " failed: " + r.describeFailure());
        }
        return done;
    }
}

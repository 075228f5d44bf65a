package org.veilor.mesh.reticulum.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.veilor.core.ConfigException;

/**
 * Validated L3c settings: the one validation method of PID {@code org.veilor.mesh.reticulum}.
 *
 * @param source where ujust install-reticulum takes RetiNet (and Sideband) from
 * @param autoInterface whether rnsd gets an AutoInterface
 * @param groupId the AutoInterface group id
 * @param backbonePeers one TCPClientInterface each
 * @param transport {@code enable_transport}
 * @param radio the RNode radio's name or factory PID, or empty for none
 * @param logLevel Reticulum's loglevel 0..7
 * @param statusTimeoutSeconds timeout of one systemctl query
 * @param startTimeoutSeconds timeout of systemctl start and stop
 */
record ReticulumSettings(RetinetSource source, boolean autoInterface, String groupId, List<BackbonePeer> backbonePeers,
        boolean transport, String radio, int logLevel, int statusTimeoutSeconds, int startTimeoutSeconds) {

    static final String PID = "org.veilor.mesh.reticulum";
    /** How many TCP backbone peers the strategy wants; fewer is allowed and reported as degraded. */
    static final int STRATEGY_BACKBONE_PEERS = 12;

    ReticulumSettings {
        backbonePeers = List.copyOf(backbonePeers);
    }

    boolean hasRadio() {
        return !radio.isEmpty();
    }

    boolean backboneDegraded() {
        return backbonePeers.size() < STRATEGY_BACKBONE_PEERS;
    }

    /** {@code 3 of the 12 peers the strategy wants (degraded)}. */
    String backboneSummary() {
        int n = backbonePeers.size();
        return n + " of the " + STRATEGY_BACKBONE_PEERS + " TCP backbone peers the strategy wants"
                + (backboneDegraded() ? " (degraded)" : "");
    }

    static ReticulumSettings validate(ReticulumConfig c) {
        RetinetSource source = RetinetSource.validate(PID, c.retinetRepository(), c.retinetVersion(), c.sidebandRepository(),
                c.sidebandVersion());
        String group = c.autoInterfaceGroupId() == null ? "" : c.autoInterfaceGroupId().strip();
        ConfigException.check(group.matches("[A-Za-z0-9._-]{1,64}"), PID, "autoInterfaceGroupId", c.autoInterfaceGroupId(),
                "1..64 letters, digits, '.', '_' or '-'");
        List<BackbonePeer> peers = peers(c.backbonePeers());
        String radio = c.radio() == null ? "" : c.radio().strip();
        ConfigException.check(radio.isEmpty() || radio.matches("[A-Za-z0-9._~-]{1,128}"), PID, "radio", c.radio(),
                "the name of an RNode radio or the PID of its org.veilor.rnode.radio configuration (letters, digits, . _ ~ -)");
        ConfigException.check(c.autoInterface() || !peers.isEmpty() || !radio.isEmpty(), PID, "autoInterface", false,
                "rnsd would have no interface at all: enable autoInterface, list backbonePeers or name a radio");
        ConfigException.check(c.logLevel() >= 0 && c.logLevel() <= 7, PID, "logLevel", c.logLevel(), "must be 0..7");
        ConfigException.check(c.statusTimeoutSeconds() >= 1 && c.statusTimeoutSeconds() <= 60, PID, "statusTimeoutSeconds",
                c.statusTimeoutSeconds(), "must be between 1 and 60");
        ConfigException.check(c.startTimeoutSeconds() >= 5 && c.startTimeoutSeconds() <= 300, PID, "startTimeoutSeconds",
                c.startTimeoutSeconds(), "must be between 5 and 300");
        return new ReticulumSettings(source, c.autoInterface(), group, peers, c.transport(), radio, c.logLevel(),
                c.statusTimeoutSeconds(), c.startTimeoutSeconds());
    }

    /** Entries may also come comma-separated on one .cfg line; blanks are skipped; duplicates refused. */
    private static List<BackbonePeer> peers(String[] raw) {
        List<BackbonePeer> peers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String line : raw == null ? new String[0] : raw) {
            for (String entry : line == null ? new String[0] : line.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                BackbonePeer p = BackbonePeer.parse(entry, PID, "backbonePeers");
                ConfigException.check(seen.add(p.toString()), PID, "backbonePeers", entry.strip(), "is listed twice");
                peers.add(p);
            }
        }
        return peers;
    }
}

package org.veilor.seed.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.veilor.core.ConfigException;

/**
 * The seed node's validated configuration; {@link #validate} is the one validation function of
 * PID {@code org.veilor.seed}.
 *
 * @param storeFolder host path of the store
 * @param knownPeers peers as given (names resolve when connecting)
 */
public record SeedSettings(String storeFolder, long cacheCap, InetAddress transportAddress, int transportPort,
        List<InetSocketAddress> knownPeers, Duration rescan, Duration stable, Duration announce, Duration requestTimeout) {

    public static final String PID = "org.veilor.seed";

    public SeedSettings {
        knownPeers = List.copyOf(knownPeers);
    }

    /** Validates the raw configuration, naming PID, key and value of the first problem. */
    public static SeedSettings validate(SeedConfig c) {
        String store = c.storeFolder() == null ? "" : c.storeFolder().strip();
        ConfigException.check(store.startsWith("/") && !store.contains("/../") && !store.endsWith("/.."), PID, "storeFolder",
                c.storeFolder(), "must be an absolute host path");
        long cap;
        try {
            cap = Sizes.parse(c.cacheCap());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "cacheCap", c.cacheCap(), e.getMessage());
        }
        ConfigException.check(cap >= 1 << 20, PID, "cacheCap", c.cacheCap(), "must be at least 1 MiB");
        InetAddress address;
        try {
            address = Addresses.literal(c.transportAddress());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "transportAddress", c.transportAddress(),
                    "must be an IP address (the node's mesh address, or 127.0.0.1)");
        }
        ConfigException.check(!address.isAnyLocalAddress(), PID, "transportAddress", c.transportAddress(),
                "tickets carry this address, so it must be one peers can reach, not the wildcard");
        ConfigException.check(c.transportPort() >= 1 && c.transportPort() <= 65535, PID, "transportPort", c.transportPort(),
                "must be 1-65535");
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String p : c.knownPeers() == null ? new String[0] : c.knownPeers()) {
            if (p == null || p.isBlank()) {
                continue;
            }
            try {
                peers.add(Addresses.peer(p));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(PID, "knownPeers", p, e.getMessage());
            }
        }
        ConfigException.check(c.rescanSeconds() >= 10, PID, "rescanSeconds", c.rescanSeconds(), "must be at least 10");
        ConfigException.check(c.stableSeconds() >= 1 && c.stableSeconds() <= 3600, PID, "stableSeconds", c.stableSeconds(),
                "must be 1-3600");
        ConfigException.check(c.announceSeconds() >= 30, PID, "announceSeconds", c.announceSeconds(), "must be at least 30");
        ConfigException.check(c.requestTimeoutSeconds() >= 1 && c.requestTimeoutSeconds() <= 600, PID, "requestTimeoutSeconds",
                c.requestTimeoutSeconds(), "must be 1-600");
        return new SeedSettings(store, cap, address, c.transportPort(), peers, Duration.ofSeconds(c.rescanSeconds()),
                Duration.ofSeconds(c.stableSeconds()), Duration.ofSeconds(c.announceSeconds()),
                Duration.ofSeconds(c.requestTimeoutSeconds()));
    }

    /** Where the transport listens, as tickets carry it. */
    public InetSocketAddress transport() {
        return new InetSocketAddress(transportAddress, transportPort);
    }

    /** How long an announcement stays valid: three announce periods. */
    public Duration announcementTtl() {
        return announce.multipliedBy(3);
    }
}

package org.veilor.seed;

import java.time.Instant;
import java.util.List;

/**
 * A seed node at one moment, for {@code seed:status}.
 *
 * @param node this node's id
 * @param transport the address and port the transport and gateway listen on
 * @param blobs complete blobs in the index (origin, added and cached)
 * @param cacheBytes bytes of pulled blobs in the cache, partial ones included
 * @param cacheCap the cache cap in bytes
 * @param pinnedBytes bytes of origin and added blobs (pinned, never evicted)
 * @param pulls pulls in flight
 */
public record SeedStatus(NodeId node, String transport, long blobs, long cacheBytes, long cacheCap, long pinnedBytes,
        List<Pull> pulls, List<Service> services, List<Peer> peers) {

    /**
     * One seeded service.
     *
     * @param state {@code watching}, {@code mirror} (no watched folder: pulls only) or {@code refused}
     * @param detail why refused, or what the watcher skipped
     */
    public record Service(String name, String topic, String folder, String state, String detail, long blobs, long bytes) {
    }

    /**
     * A known peer.
     *
     * @param node its id once it answered, else {@code null}
     * @param state {@code up}, {@code down} or {@code unknown}
     */
    public record Peer(String address, NodeId node, String state, Instant lastSeen, String detail) {
    }

    /** A pull in flight: verified bytes so far of the blob's size. */
    public record Pull(String hash, long verified, long size, String provider) {
    }
}

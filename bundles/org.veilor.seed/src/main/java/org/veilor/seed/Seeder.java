package org.veilor.seed;

import java.io.IOException;
import java.util.List;

/**
 * The running seed node (published only while seeding is allowed and the node's configuration is
 * valid). Paths are host paths: under the host root, which is {@code /} on a node.
 */
public interface Seeder {

    /** This node's identity. */
    NodeId node();

    SeedStatus status();

    /**
     * Copies a file into the store as a pinned blob (never evicted) and returns its hash and a
     * ticket; with a service and name, also binds the name and announces it on the service's topic.
     *
     * @param service a configured service, or {@code null}
     * @param name the name to bind, or {@code null} (then {@code service} must be null too)
     */
    Added add(String hostPath, String service, String name) throws IOException;

    /**
     * The ticket of a blob this node holds, by {@code service/name}, by a name unique among the
     * services, or by hash.
     *
     * @throws IllegalArgumentException when nothing matches or a name is ambiguous
     */
    BlobTicket ticket(String nameOrHash);

    /**
     * Fetches a blob (by ticket, or by hash from providers that announced it) into the cache,
     * verified, reporting verified bytes as they arrive; with {@code outHostPath}, also writes it
     * there atomically.
     */
    Fetched get(String ticketOrHash, String outHostPath, Progress progress) throws IOException;

    /** Verified bytes of a fetch as they arrive (called from the fetching threads). */
    @FunctionalInterface
    interface Progress {
        /** {@code size} is -1 until the blob's size is proven. */
        void update(long verified, long size);
    }

    /** Evicts least recently used cached blobs until the cache holds at most {@code targetBytes}. */
    Evicted evict(long targetBytes) throws IOException;

    /** Names this node can give tickets for, as {@code service/name} (for completion). */
    List<String> names();

    /** Result of {@link #add}. */
    record Added(String hash, long size, BlobTicket ticket) {
    }

    /** Result of {@link #get}: where the bytes came from. */
    record Fetched(String hash, long size, String provider, boolean alreadyHeld) {
    }

    /** Result of {@link #evict}. */
    record Evicted(int blobs, long bytes, long cacheBytes) {
    }
}

package org.veilor.seed.blake3;

import java.io.IOException;

/**
 * Bytes that do not match the hash they should: a chunk group whose chaining value differs from
 * the one its parent promised, or a proof pair that does not hash to its parent. Names the first
 * chunk group the failure covers, so a transfer knows which group to fetch again and from whom not.
 */
public final class Blake3VerificationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long group;
    private final boolean inProof;

    Blake3VerificationException(String message, long group, boolean inProof) {
        super(message);
        this.group = group;
        this.inProof = inProof;
    }

    /** Index of the chunk group that failed (for a proof pair: the first group under it). */
    public long group() {
        return group;
    }

    /** Byte offset of that group in the blob. */
    public long offset() {
        return group * Outboard.CHUNK_GROUP_SIZE;
    }

    /** True when a proof pair failed rather than a group's data. */
    public boolean inProof() {
        return inProof;
    }
}

package org.veilor.seed;

/** How a ticket's hash is to be read (iroh-blobs {@code BlobFormat}; the wire value is the ordinal). */
public enum BlobFormat {
    /** The hash names the blob itself. */
    RAW,
    /** The hash names a blob of concatenated 32-byte hashes (a collection, as sendme sends). */
    HASH_SEQ
}

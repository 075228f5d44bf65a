/**
 * BLAKE3 for seeding, usable on its own (it needs nothing but the JDK; the Vector API is optional):
 * {@link org.veilor.seed.blake3.Blake3} hashes (plain, keyed, key derivation, extended output,
 * incremental through {@link org.veilor.seed.blake3.Blake3Hasher}); {@link org.veilor.seed.blake3.Blake3Hash}
 * is a hash with iroh's display (hex) and parsing; the 16 KiB chunk-group outboard (iroh-blobs'
 * pre-order layout) and verified ranges live in {@link org.veilor.seed.blake3.Outboard} and
 * {@link org.veilor.seed.blake3.RangeDecoder}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.seed.blake3;

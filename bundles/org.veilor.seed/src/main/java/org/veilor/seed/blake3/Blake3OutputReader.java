package org.veilor.seed.blake3;

/**
 * The extended output of a finalized hasher: as many bytes as wanted, from any position (the first
 * 32 are the hash). Reading does not change the hasher it came from. Not thread-safe.
 */
public final class Blake3OutputReader {

    private final Output root;
    private long position;

    Blake3OutputReader(Output root) {
        this.root = root;
    }

    /** Fills {@code out} with the next output bytes. */
    public void read(byte[] out) {
        read(out, 0, out.length);
    }

    /** Writes the next {@code len} output bytes to {@code out[off]}. */
    public void read(byte[] out, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, out.length);
        root.rootBytes(position, out, off, len);
        position += len;
    }

    /** Moves to a byte position of the output (an unsigned 64-bit offset). */
    public Blake3OutputReader seek(long position) {
        this.position = position;
        return this;
    }

    /** The byte position the next read starts at. */
    public long position() {
        return position;
    }
}

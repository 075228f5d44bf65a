package org.veilor.seed.blake3;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** Positional reads of a blob's bytes, from memory or a file (thread-safe: no shared position). */
@FunctionalInterface
interface BlobReader {

    /** Reads exactly {@code len} bytes at {@code pos} into {@code buf[off]}. */
    void read(long pos, byte[] buf, int off, int len) throws IOException;

    static BlobReader of(byte[] data) {
        return (pos, buf, off, len) -> System.arraycopy(data, Math.toIntExact(pos), buf, off, len);
    }

    static BlobReader of(FileChannel channel) {
        return (pos, buf, off, len) -> {
            if (off == 0) {
                ChannelReader.readFully(channel, buf, len, pos);
            } else {
                byte[] tmp = new byte[len];
                ChannelReader.readFully(channel, tmp, len, pos);
                System.arraycopy(tmp, 0, buf, off, len);
            }
        };
    }
}

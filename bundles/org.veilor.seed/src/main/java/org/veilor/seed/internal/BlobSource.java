package org.veilor.seed.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Outboard;
import org.veilor.seed.blake3.RangeDecoder;

/**
 * A complete blob opened for reading: its data (a store file, or an origin file in place) and its
 * outboard. Ranges go out either encoded for another node to verify ({@link #encode}) or as plain
 * bytes that were verified here first ({@link #verified}): origin files belong to other programs and
 * may change or rot under us, so nothing is handed to a client unchecked.
 */
final class BlobSource implements Closeable {

    /** Bytes verified per step of {@link #verified}: 64 chunk groups, so memory stays at 1 MiB. */
    private static final long WINDOW = 64L * Outboard.CHUNK_GROUP_SIZE;

    private final Blake3 engine;
    private final FileChannel data;
    private final FileChannel outboardChannel;
    private final Outboard outboard;

    private BlobSource(Blake3 engine, FileChannel data, FileChannel outboardChannel, Outboard outboard) {
        this.engine = engine;
        this.data = data;
        this.outboardChannel = outboardChannel;
        this.outboard = outboard;
    }

    /** Opens a blob of a known size whose data and outboard lie at the given paths. */
    static BlobSource open(Blake3 engine, Blake3Hash hash, long size, Path data, Path outboard) throws IOException {
        FileChannel d = FileChannel.open(data, StandardOpenOption.READ);
        FileChannel o = null;
        try {
            if (d.size() < size) {
                throw new IOException(data + " has " + d.size() + " bytes, not the " + size + " it was hashed with");
            }
            if (Outboard.outboardSize(size) > 0) {
                o = FileChannel.open(outboard, StandardOpenOption.READ);
            }
            return new BlobSource(engine, d, o, BlobStore.outboard(hash, size, o));
        } catch (IOException | RuntimeException e) {
            d.close();
            if (o != null) {
                o.close();
            }
            throw e;
        }
    }

    Blake3Hash hash() {
        return outboard.root();
    }

    long size() {
        return outboard.blobSize();
    }

    /** Writes the verified-streaming encoding of a range (what the transport sends). */
    void encode(long start, long length, OutputStream out) throws IOException {
        outboard.encodeRange(data, start, length, out);
    }

    long encodedLength(long start, long length) {
        return outboard.encodedLength(start, length);
    }

    /**
     * Delivers the bytes {@code [start, start + length)} to {@code out}, each chunk group verified
     * against the hash before any of it is written.
     *
     * @throws org.veilor.seed.blake3.Blake3VerificationException when the data no longer matches
     */
    void verified(long start, long length, OutputStream out) throws IOException {
        long end = Math.min(size(), start + length);
        RangeDecoder decoder = new RangeDecoder(engine, hash());
        for (long window = start - start % Outboard.CHUNK_GROUP_SIZE; window < end; window += WINDOW) {
            long len = Math.min(WINDOW, end - window);
            ByteArrayOutputStream enc = new ByteArrayOutputStream((int) (len + 4096));
            outboard.encodeRange(data, window, len, enc);
            long from = Math.max(start, window);
            decoder.decode(window, len, new ByteArrayInputStream(enc.toByteArray()), (off, b, o, l) -> {
                long s = Math.max(from, off);
                long e = Math.min(end, off + l);
                if (s < e) {
                    out.write(b, o + (int) (s - off), (int) (e - s));
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        try {
            data.close();
        } finally {
            if (outboardChannel != null) {
                outboardChannel.close();
            }
        }
    }
}

package org.veilor.seed.blake3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes 64-byte pairs at their pre-order places in an outboard file through a small LRU cache of
 * 32 KiB pages (1 MiB in all). The builder finishes nodes in post-order, but every subtree occupies a
 * contiguous run of the pre-order layout, so consecutive writes land on few pages: the cache turns
 * one tiny write per chunk group into a few large ones, in constant memory.
 */
final class OutboardPages {

    private static final int PAGE = 32 * 1024;
    private static final int MAX_PAGES = 32;

    private final FileChannel out;
    private final long length;
    private final LinkedHashMap<Long, byte[]> pages = new LinkedHashMap<>(MAX_PAGES * 2, 0.75f, true);

    OutboardPages(FileChannel out, long length) {
        this.out = out;
        this.length = length;
    }

    void put(long index, byte[] pair) throws IOException {
        long pos = index * 64;
        byte[] page = page(pos / PAGE);
        System.arraycopy(pair, 0, page, (int) (pos % PAGE), 64);
    }

    /** Writes every cached page and truncates the file to the outboard's length. */
    void flush() throws IOException {
        for (Map.Entry<Long, byte[]> e : pages.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        pages.clear();
        out.truncate(length);
    }

    private byte[] page(long number) throws IOException {
        byte[] page = pages.get(number);
        if (page != null) {
            return page;
        }
        if (pages.size() == MAX_PAGES) {
            Iterator<Map.Entry<Long, byte[]>> eldest = pages.entrySet().iterator();
            Map.Entry<Long, byte[]> e = eldest.next();
            write(e.getKey(), e.getValue());
            eldest.remove();
        }
        page = new byte[PAGE];
        // A page evicted earlier has parts written already: start from what the file holds.
        ByteBuffer bb = ByteBuffer.wrap(page, 0, pageLength(number));
        while (bb.hasRemaining() && out.read(bb, number * PAGE + bb.position()) > 0) {
            // keep reading
        }
        pages.put(number, page);
        return page;
    }

    private void write(long number, byte[] page) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(page, 0, pageLength(number));
        while (bb.hasRemaining()) {
            out.write(bb, number * PAGE + bb.position());
        }
    }

    private int pageLength(long number) {
        return (int) Math.min(PAGE, length - number * PAGE);
    }
}

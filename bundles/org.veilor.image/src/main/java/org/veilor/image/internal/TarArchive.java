package org.veilor.image.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The small part of the tar format veilor needs: writing a gzip'd ustar archive with root-owned,
 * zero-dated entries (ostree stores every file with mtime 0 anyway, and this makes the tarball
 * reproducible), and reading entry names and small contents back (ustar, GNU long names and PAX path
 * records, as Maven's assembly writes them) to check a tarball and scan it for secrets.
 */
public final class TarArchive {

    private static final int BLOCK = 512;

    private TarArchive() {
    }

    /** One entry as read. {@code content} is null for folders and for files over the read limit. */
    public record Entry(String name, char type, long size, int mode, byte[] content) {
        public boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    /** Writes entries into a gzip'd tar stream; {@link #finish()} writes the end blocks. */
    public static final class Writer implements AutoCloseable {
        private final GZIPOutputStream out;

        public Writer(OutputStream target) throws IOException {
            this.out = new GZIPOutputStream(target, 1 << 16);
        }

        public void folder(String name, int mode) throws IOException {
            out.write(header(name.endsWith("/") ? name : name + "/", '5', 0, mode, ""));
        }

        public void symlink(String name, String target, int mode) throws IOException {
            out.write(header(name, '2', 0, mode, target));
        }

        public void file(String name, int mode, long size, InputStream content) throws IOException {
            out.write(header(name, '0', size, mode, ""));
            long copied = content.transferTo(out);
            if (copied != size) {
                throw new IOException(name + " changed while it was packed (" + copied + " bytes, expected " + size + ")");
            }
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            out.write(new byte[pad]);
        }

        public void finish() throws IOException {
            out.write(new byte[2 * BLOCK]);
            out.finish();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static byte[] header(String name, char type, long size, int mode, String link) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] full = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String base = name;
        if (full.length > 100) {
            int cut = -1;
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                if (bytes(name.substring(0, i)) <= 155 && bytes(name.substring(i + 1)) <= 100) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                throw new IOException("path too long for a ustar archive: " + name);
            }
            prefix = name.substring(0, cut);
            base = name.substring(cut + 1);
        }
        if (link.getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IOException("symbolic link target too long for a ustar archive: " + name + " -> " + link);
        }
        put(h, 0, 100, base);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        put(h, 345, 155, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        put(h, 148, 6, chk);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(len, b.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        put(h, off, len - 1, s);
        h[off + len - 1] = 0;
    }

    /**
     * Reads a gzip'd tar stream.
     *
     * @param readLimit contents of files up to this size are returned; bigger files are skipped
     */
    public static List<Entry> read(InputStream in, int readLimit) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
            String longName = null;
            byte[] h = new byte[BLOCK];
            while (true) {
                if (!fill(gz, h)) {
                    break;
                }
                if (allZero(h)) {
                    break;
                }
                char type = (char) h[156];
                long size = parseOctal(h, 124, 12);
                int mode = (int) parseOctal(h, 100, 8);
                String name = string(h, 0, 100);
                String prefix = string(h, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                boolean meta = type == 'L' || type == 'x' || type == 'g';
                byte[] data = (meta || size <= readLimit) ? readBytes(gz, size) : null;
                if (data == null) {
                    skip(gz, size);
                }
                skip(gz, (BLOCK - size % BLOCK) % BLOCK);
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (type == 'x') {
                    String path = paxPath(new String(data, StandardCharsets.UTF_8));
                    longName = path != null ? path : longName;
                    continue;
                }
                if (type == 'g') {
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                entries.add(new Entry(name, type, size, mode, data));
            }
        }
        return entries;
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith("path=", sp + 1)) {
                return line.substring(sp + 6);
            }
        }
        return null;
    }

    private static boolean fill(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        if (n == 0) {
            return false;
        }
        if (n < b.length) {
            throw new EOFException("truncated tar archive");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        byte[] buf = new byte[8192];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("truncated tar archive");
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] h, int off, int len) {
        String s = string(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}

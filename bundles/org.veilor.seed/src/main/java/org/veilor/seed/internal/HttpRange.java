package org.veilor.seed.internal;

import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-}
 * or {@code bytes=-n}. Several ranges, other units or malformed headers are ignored (the whole
 * blob is served, as the RFC allows); a range that starts past the end is unsatisfiable (416).
 *
 * @param start first byte
 * @param length bytes
 */
record HttpRange(long start, long length) {

    /** The header's range over a blob of {@code size} bytes: empty for "serve it all", null for 416. */
    static Optional<HttpRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = h.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return null;
                }
                long len = Math.min(suffix, size);
                return len == 0 ? null : Optional.of(new HttpRange(size - len, len));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return Optional.empty();
            }
            if (first >= size) {
                return null;
            }
            return Optional.of(new HttpRange(first, last - first + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + (start + length - 1) + "/" + size;
    }
}

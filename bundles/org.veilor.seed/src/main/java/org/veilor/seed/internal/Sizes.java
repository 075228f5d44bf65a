package org.veilor.seed.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as operators write them ({@code 10 GB}, {@code 512MiB}, {@code 1048576}) and as status prints them. */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b|b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /**
     * Parses a size: a number, optionally followed by B, KB/MB/GB/TB (powers of 1000) or
     * KiB/MiB/GiB/TiB (powers of 1024).
     *
     * @throws IllegalArgumentException naming the text
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 10 GB, 512 MiB or a number of bytes)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1L << 40;
        };
        double bytes = number * factor;
        if (bytes >= Long.MAX_VALUE || bytes != Math.floor(bytes)) {
            throw new IllegalArgumentException("not a whole number of bytes: '" + text + "'");
        }
        return (long) bytes;
    }

    /** {@code 1.5 GB}, {@code 300 kB}, {@code 12 B}: decimal units, as disks are sold. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = { "kB", "MB", "GB", "TB", "PB" };
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}

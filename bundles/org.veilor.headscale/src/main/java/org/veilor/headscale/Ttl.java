package org.veilor.headscale;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Key lifetimes as operators write them: {@code 30m}, {@code 12h}, {@code 90d}, {@code 2w}, or ISO-8601 ({@code PT12H}, {@code P90D}). */
public final class Ttl {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhdw])");

    private Ttl() {
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a positive duration
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a lifetime (30m, 12h, 90d, 2w or ISO-8601 such as PT12H)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive lifetime");
        }
        return d;
    }

    /** A duration as the shortest of {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}

package org.veilor.mesh.yggdrasil.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yggdrasil release a config is written for, and so its dialect (spec mesh-radio.md §1.1–1.4):
 * 0.4 (inline {@code PrivateKey} with {@code PublicKey}; tcp, tls, socks and unix peers) or 0.5
 * ({@code PrivateKeyPath}; quic from 0.5.0, sockstls from 0.5.2, ws/wss from 0.5.7). Debian's 0.4.7
 * build prints {@code Build version: unknown}; then the flags its {@code -help} lists tell the
 * lowest release it can be.
 *
 * @param major major number
 * @param minor minor number (4 or 5)
 * @param patch patch number, or the lowest it can be when {@code exact} is false
 * @param exact whether the binary said its version
 */
public record YggVersion(int major, int minor, int patch, boolean exact) {

    /** What a forced {@code dialect = 0.4} means. */
    public static final YggVersion DIALECT_04 = new YggVersion(0, 4, 0, false);
    /** What a forced {@code dialect = 0.5} means: a current 0.5 (wss included). */
    public static final YggVersion DIALECT_05 = new YggVersion(0, 5, 7, false);

    private static final Pattern BUILD_VERSION = Pattern.compile("(?m)^Build version:\\s*v?(\\d+)\\.(\\d+)\\.(\\d+)");

    /** The two config dialects. */
    public enum Dialect {
        V0_4("0.4"),
        V0_5("0.5");

        private final String label;

        Dialect(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** {@code auto}, {@code 0.4} or {@code 0.5}; empty for auto. */
        static Optional<Dialect> parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("auto")) {
                return Optional.empty();
            }
            for (Dialect d : values()) {
                if (d.label.equals(t)) {
                    return Optional.of(d);
                }
            }
            throw new IllegalArgumentException("not a dialect: '" + text + "' (allowed: auto, 0.4, 0.5)");
        }
    }

    public Dialect dialect() {
        return major > 0 || minor >= 5 ? Dialect.V0_5 : Dialect.V0_4;
    }

    public boolean atLeast(int maj, int min, int pat) {
        if (major != maj) {
            return major > maj;
        }
        if (minor != min) {
            return minor > min;
        }
        return patch >= pat;
    }

    /** Whether {@code wss://} peers exist in this release (0.5.7). */
    public boolean hasWss() {
        return atLeast(0, 5, 7);
    }

    /**
     * Reads {@code yggdrasil -version}; when the build does not say its version, {@code -help}
     * decides: {@code -exportkey} came with 0.5.0, {@code -publickey} with 0.5.2, {@code -user}
     * with 0.5.9; without them it is 0.4.
     *
     * @param versionOutput what {@code -version} printed
     * @param help what {@code -help} printed (it prints usage to stderr), or null when not needed yet
     * @return the version, or empty when {@code help} is needed to decide
     */
    public static Optional<YggVersion> detect(String versionOutput, String help) {
        Matcher m = BUILD_VERSION.matcher(versionOutput == null ? "" : versionOutput);
        if (m.find()) {
            return Optional.of(new YggVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), true));
        }
        if (help == null) {
            return Optional.empty();
        }
        if (flag(help, "user")) {
            return Optional.of(new YggVersion(0, 5, 9, false));
        }
        if (flag(help, "publickey")) {
            return Optional.of(new YggVersion(0, 5, 2, false));
        }
        if (flag(help, "exportkey")) {
            return Optional.of(new YggVersion(0, 5, 0, false));
        }
        return Optional.of(DIALECT_04);
    }

    private static boolean flag(String help, String name) {
        return Pattern.compile("(?m)^\\s*--?" + name + "\\b").matcher(help).find();
    }

    /** {@code 0.5.12}, or {@code 0.4 (the build does not say which)}, {@code 0.5.9 or later (…)}. */
    public String text() {
        if (exact) {
            return major + "." + minor + "." + patch;
        }
        if (patch == 0) {
            return major + "." + minor + " (the build does not say which)";
        }
        return major + "." + minor + "." + patch + " or later (the build does not say which)";
    }

    @Override
    public String toString() {
        return text();
    }
}

package org.veilor.mesh.tailscale.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh random keys of both documented shapes (spec mesh-radio.md §2.4), so no key sits in the sources. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private TestKeys() {
    }

    /** {@code hskey-auth-} + 12 + {@code -} + 64; the prefix starts with {@code -} to prove parts are cut by position. */
    public static String modern() {
        return "hskey-auth-" + "-" + random(11) + "-" + random(64);
    }

    /** 48 lower-case hex characters. */
    public static String legacy() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

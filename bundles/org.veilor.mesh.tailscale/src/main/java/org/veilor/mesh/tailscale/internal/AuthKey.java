package org.veilor.mesh.tailscale.internal;

import java.util.Objects;

/**
 * A Headscale pre-auth key, checked for shape only (spec mesh-radio.md §2.4): the legacy form of
 * 48 lower-case hex characters (Headscale ≤ 0.27), or {@code hskey-auth-} + a 12-character prefix
 * + {@code -} + a 64-character secret, 88 characters in all (0.28+; prefix and secret use the
 * base64url alphabet, so they may contain {@code -} themselves: the parts are cut by position).
 *
 * <p>The key is a secret: {@link #toString()} and every error message leave it out, and
 * {@link #scrub} removes it from text that may have echoed it.
 */
public final class AuthKey {

    static final String PREFIX = "hskey-auth-";
    static final int LEGACY_LENGTH = 48;
    static final int LENGTH = PREFIX.length() + 12 + 1 + 64;
    static final String SHAPES = "a Headscale pre-auth key is either 48 hex characters (legacy)"
            + " or hskey-auth-<12 characters>-<64 characters> (88 characters)";

    private final String value;

    private AuthKey(String value) {
        this.value = value;
    }

    /**
     * Checks a pasted or scanned key. Surrounding white space is dropped (a paste often carries a
     * new line); anything else that does not fit is refused with a message that says what is wrong
     * without repeating the key.
     *
     * @throws IllegalArgumentException naming the problem and the two accepted shapes
     */
    public static AuthKey parse(String text) {
        if (text == null || text.strip().isEmpty()) {
            throw new IllegalArgumentException("no pre-auth key given: " + SHAPES);
        }
        String k = text.strip();
        if (k.startsWith(PREFIX)) {
            if (k.length() != LENGTH) {
                throw new IllegalArgumentException("the pre-auth key has " + k.length() + " characters, not " + LENGTH
                        + ": " + SHAPES);
            }
            int dash = PREFIX.length() + 12;
            if (k.charAt(dash) != '-') {
                throw new IllegalArgumentException("the pre-auth key has no '-' at position " + (dash + 1)
                        + " (after its 12-character prefix): " + SHAPES);
            }
            for (int i = PREFIX.length(); i < k.length(); i++) {
                if (i != dash && !base64url(k.charAt(i))) {
                    throw new IllegalArgumentException("the pre-auth key has a character outside A-Z a-z 0-9 _ - at position "
                            + (i + 1) + ": " + SHAPES);
                }
            }
            return new AuthKey(k);
        }
        if (k.length() == LEGACY_LENGTH && k.chars().allMatch(AuthKey::lowerHex)) {
            return new AuthKey(k);
        }
        if (k.length() == LEGACY_LENGTH && k.chars().allMatch(c -> lowerHex(Character.toLowerCase(c)))) {
            throw new IllegalArgumentException("the pre-auth key has upper-case hex digits; legacy keys are lower-case: "
                    + SHAPES);
        }
        if (k.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the pre-auth key contains white space: paste it as one piece: " + SHAPES);
        }
        throw new IllegalArgumentException("this is not a pre-auth key (" + k.length() + " characters"
                + (k.startsWith("hskey-") ? ", and an hskey- key of another kind" : "") + "): " + SHAPES);
    }

    /** Whether text has the shape of a key (for scrubbing and quick checks). */
    public static boolean looksLikeKey(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean base64url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean lowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** The key itself: only for the 0600 file handed to {@code tailscale up}. */
    String secret() {
        return value;
    }

    public boolean legacy() {
        return !value.startsWith(PREFIX);
    }

    /**
     * A name for messages: {@code hskey-auth-<prefix>-***} (Headscale lists new keys the same
     * way), or {@code legacy key ***}.
     */
    public String redacted() {
        return legacy() ? "legacy key ***" : value.substring(0, PREFIX.length() + 13) + "***";
    }

    /** Removes the key, and the secret half of a new key, from text (process output, messages). */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replace(value, redacted());
        if (!legacy()) {
            t = t.replace(value.substring(PREFIX.length() + 13), "***");
        }
        return t;
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}

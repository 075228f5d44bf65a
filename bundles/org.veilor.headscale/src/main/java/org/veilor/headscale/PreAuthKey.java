package org.veilor.headscale;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pre-auth key as Headscale lists or creates it. {@link #toString()} never shows the secret; use
 * {@link #key()} only to hand the key to the person who joins with it.
 *
 * @param id the key's ID (a uint64 as a string)
 * @param key the key text: the full secret when just created (and in every list before 0.28), else
 *        {@code hskey-auth-<prefix>-***}
 * @param user the owning user, or {@code null} for a tagged key without user (0.28+)
 * @param reusable whether several nodes may join with it
 * @param ephemeral whether nodes joining with it are ephemeral
 * @param used whether a node has joined with it
 * @param expiration when it stops working ({@link Instant#MIN}-like zero time if created without)
 * @param createdAt when it was created, or {@code null}
 * @param aclTags its tags
 */
public record PreAuthKey(String id, String key, HeadscaleUser user, boolean reusable, boolean ephemeral, boolean used,
        Instant expiration, Instant createdAt, List<String> aclTags) {

    /** Length of a 0.28+ key: {@code hskey-auth-} + 12-character prefix + {@code -} + 64-character secret. */
    public static final int NEW_FORMAT_LENGTH = 88;
    private static final String NEW_PREFIX = "hskey-auth-";

    public PreAuthKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiration, "expiration");
        aclTags = aclTags == null ? List.of() : List.copyOf(aclTags);
    }

    /** Whether a node could join with it now: not expired, and unused unless reusable. */
    public boolean usableAt(Instant now) {
        return expiration.isAfter(now) && (reusable || !used);
    }

    /** Whether {@link #key()} holds the whole secret (a fresh key, or any key before 0.28). */
    public boolean hasSecret() {
        return !key.endsWith("***") && !key.isEmpty();
    }

    /**
     * The key with its secret hidden, safe for tables and logs: {@code hskey-auth-<prefix>-***} for
     * the 0.28+ format (parsed by fixed length: prefix and secret may contain '-'), the first 8
     * characters and an ellipsis for the legacy 48-hex format.
     */
    public String masked() {
        if (key.startsWith(NEW_PREFIX)) {
            int prefixEnd = NEW_PREFIX.length() + 12;
            return key.length() >= prefixEnd ? key.substring(0, prefixEnd) + "-***" : NEW_PREFIX + "***";
        }
        return key.length() <= 8 ? "***" : key.substring(0, 8) + "…";
    }

    /** The owner's name, or empty for a tagged key without user. */
    public String userName() {
        return user == null ? "" : user.name();
    }

    @Override
    public String toString() {
        return "PreAuthKey[id=" + id + ", key=" + masked() + ", user=" + userName() + ", tags=" + aclTags
                + ", reusable=" + reusable + ", ephemeral=" + ephemeral + ", used=" + used + ", expiration="
                + expiration + "]";
    }
}

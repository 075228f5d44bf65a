package org.veilor.headscale;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to mint. The expiration is always sent: a Headscale key created without one gets the zero
 * time and is unusable (mesh-radio.md §2.3).
 *
 * @param user name of the owning user, or {@code null}: allowed from Headscale 0.28 when the key has
 *        a tag; the client turns the name into what the server version wants (name or ID)
 * @param tags ACL tags, each {@code tag:} + lowercase, no spaces
 * @param expiration when the key stops working; sent with millisecond precision, so a caller can
 *        find the key again by it ({@link HeadscaleClient#findPreAuthKeys})
 * @param reusable usable by several nodes until it expires
 * @param ephemeral nodes joining with it are removed when they go offline
 */
public record PreAuthKeyRequest(String user, List<String> tags, Instant expiration, boolean reusable, boolean ephemeral) {

    private static final Pattern TAG = Pattern.compile("tag:[a-z0-9][a-z0-9._-]*");

    public PreAuthKeyRequest {
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(expiration, "expiration: Headscale makes a key without expiration unusable");
        if (user != null && user.isBlank()) {
            user = null;
        }
        for (String t : tags) {
            checkTag(t);
        }
        if (user == null && tags.isEmpty()) {
            throw new IllegalArgumentException("a pre-auth key needs a user or at least one tag");
        }
    }

    /** A tagged key without user (Headscale 0.28+; older servers need {@link #ownedBy}). */
    public static PreAuthKeyRequest tagged(List<String> tags, Instant expiration, boolean reusable) {
        return new PreAuthKeyRequest(null, tags, expiration, reusable, false);
    }

    /** The same request owned by a user. */
    public PreAuthKeyRequest ownedBy(String userName) {
        return new PreAuthKeyRequest(userName, tags, expiration, reusable, ephemeral);
    }

    /**
     * Checks a tag the way Headscale's {@code validateTag} does: {@code tag:} prefix, lowercase, no
     * spaces.
     *
     * @throws IllegalArgumentException naming the tag
     */
    public static String checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + tag + "' is not a Headscale tag: it must start with 'tag:' and be lowercase letters, digits, '.', '_' or '-'");
        }
        return tag;
    }
}

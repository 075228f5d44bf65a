package org.veilor.headscale.internal.policy;

import java.util.Objects;

/**
 * One alias of a policy rule or test, classified the way Headscale's {@code parseAlias} does: an IP or
 * CIDR; {@code *}; a user (contains {@code @}; before 0.26 a bare name that is not a host); a group;
 * a tag; an autogroup; else a name from {@code hosts}.
 *
 * @param kind what it is
 * @param text the alias as written
 * @param prefix the addresses, for {@link Kind#PREFIX} and {@link Kind#HOST}; else {@code null}
 */
public record Alias(Kind kind, String text, IpPrefix prefix) {

    /** Alias kinds. */
    public enum Kind { WILDCARD, PREFIX, USER, GROUP, TAG, AUTOGROUP, HOST }

    public Alias {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The user name without its trailing {@code @} (users are matched by name). */
    public String userName() {
        return text.endsWith("@") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public String toString() {
        return text;
    }
}

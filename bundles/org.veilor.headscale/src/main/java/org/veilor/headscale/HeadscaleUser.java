package org.veilor.headscale;

import java.util.Objects;

/**
 * A Headscale user.
 *
 * @param id the ID as Headscale renders it (a uint64 as a string); {@code null} when only the name is
 *        known (pre-auth keys of Headscale ≤ 0.25 name their user as a plain string)
 * @param name the user name
 * @param displayName display name, or empty
 * @param email e-mail, or empty
 */
public record HeadscaleUser(String id, String name, String displayName, String email) {

    public HeadscaleUser {
        Objects.requireNonNull(name, "name");
        displayName = displayName == null ? "" : displayName;
        email = email == null ? "" : email;
    }

    /** A user known only by name. */
    public static HeadscaleUser named(String name) {
        return new HeadscaleUser(null, name, "", "");
    }
}

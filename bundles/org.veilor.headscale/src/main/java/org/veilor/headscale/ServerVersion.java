package org.veilor.headscale;

import java.util.Objects;

/**
 * The version the client works with: read from the server's {@code /version} when it answers, else
 * the configured one.
 *
 * @param version the version every API and policy difference is derived from
 * @param detected whether it was read from the server
 * @param source where it came from, for people: "read from http://…/version" or "configured
 *        (… could not be read: reason)"
 */
public record ServerVersion(HeadscaleVersion version, boolean detected, String source) {

    public ServerVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return version + " (" + source + ")";
    }
}

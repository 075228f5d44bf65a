package org.veilor.headscale;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Headscale server version, and what the REST API and the policy file accept at that version
 * (mesh-radio.md §2.2–2.4). Every version difference of this bundle is decided here.
 *
 * @param major major version (0 for every release so far)
 * @param minor minor version: the API changes with it
 * @param patch patch version
 */
public record HeadscaleVersion(int major, int minor, int patch) implements Comparable<HeadscaleVersion> {

    private static final Pattern SEMVER = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?");

    /** How the pre-auth key API names a key's user (mesh-radio.md §2.3, table per version). */
    public enum UserReference {
        /** ≤ 0.25: the user's name, and every key needs one. */
        NAME,
        /** 0.26–0.27: the user's numeric ID, and every key needs one. */
        ID,
        /** 0.28+: the user's ID, optional when the key carries at least one tag. */
        OPTIONAL_ID
    }

    public HeadscaleVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version number");
        }
    }

    /**
     * Parses {@code 0.29.2}, {@code v0.29.2}, {@code 0.30.0-beta.1} or {@code 0.28}.
     *
     * @throws IllegalArgumentException naming the text when it is not a version (for example
     *         {@code dev}, which a Headscale built from source reports)
     */
    public static HeadscaleVersion parse(String text) {
        Matcher m = SEMVER.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Headscale version such as 0.29.2");
        }
        return new HeadscaleVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public static HeadscaleVersion of(int major, int minor, int patch) {
        return new HeadscaleVersion(major, minor, patch);
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new HeadscaleVersion(major, minor, 0)) >= 0;
    }

    /** How pre-auth key requests name the user at this version. */
    public UserReference userReference() {
        if (atLeast(0, 28)) {
            return UserReference.OPTIONAL_ID;
        }
        return atLeast(0, 26) ? UserReference.ID : UserReference.NAME;
    }

    /** Before 0.28 every pre-auth key belongs to a user, tagged or not. */
    public boolean keysNeedUser() {
        return userReference() != UserReference.OPTIONAL_ID;
    }

    /** From 0.28 {@code GET /api/v1/preauthkey} lists every key; before, one user's keys ({@code ?user=}). */
    public boolean listsAllKeys() {
        return atLeast(0, 28);
    }

    /** From 0.28 a key's secret is shown only when it is created; lists show {@code hskey-auth-<prefix>-***}. */
    public boolean secretShownOnce() {
        return atLeast(0, 28);
    }

    /** {@code tests} and {@code grants} in the policy: only from 0.29.0. */
    public boolean policyAcceptsTests() {
        return atLeast(0, 29);
    }

    /** From 0.27 an unknown top-level policy key is a load error; 0.26 and older ignore it. */
    public boolean policyRejectsUnknownKeys() {
        return atLeast(0, 27);
    }

    /** From 0.26 users in the policy are written {@code name@}; before, as the bare name. */
    public boolean policyUsersEndWithAt() {
        return atLeast(0, 26);
    }

    /** From 0.30 errors are RFC 7807 problem documents instead of gRPC status JSON. */
    public boolean problemJsonErrors() {
        return atLeast(0, 30);
    }

    @Override
    public int compareTo(HeadscaleVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

package org.veilor.core;

import java.util.Objects;
import java.util.Optional;

/**
 * POSIX mode and optional owner/group for files written through {@link Host}.
 *
 * @param mode octal permission bits, for example {@code 0600}
 * @param owner user name, or {@code null} to keep the writing process's user
 * @param group group name, or {@code null} to keep the default group
 */
public record FileAttrs(int mode, String owner, String group) {

    /** Owner read/write only: key files, secrets. */
    public static final FileAttrs PRIVATE = new FileAttrs(0600, null, null);
    /** World-readable file. */
    public static final FileAttrs PUBLIC = new FileAttrs(0644, null, null);
    /** Executable script. */
    public static final FileAttrs EXECUTABLE = new FileAttrs(0755, null, null);
    /** Ordinary folder. */
    public static final FileAttrs FOLDER = new FileAttrs(0755, null, null);
    /** Owner-only folder. */
    public static final FileAttrs PRIVATE_FOLDER = new FileAttrs(0700, null, null);

    public FileAttrs {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file mode out of range: " + Integer.toOctalString(mode));
        }
    }

    public static FileAttrs mode(int mode) {
        return new FileAttrs(mode, null, null);
    }

    public FileAttrs ownedBy(String owner, String group) {
        return new FileAttrs(mode, Objects.requireNonNull(owner, "owner"), group);
    }

    public Optional<String> ownerName() {
        return Optional.ofNullable(owner);
    }

    public Optional<String> groupName() {
        return Optional.ofNullable(group);
    }

    /** The mode as {@code rwxr-x---} for {@link java.nio.file.attribute.PosixFilePermissions}. */
    public String permissionString() {
        StringBuilder sb = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            sb.append((bits & 4) != 0 ? 'r' : '-');
            sb.append((bits & 2) != 0 ? 'w' : '-');
            sb.append((bits & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }
}

package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret kept in a file readable by its owner only (mode 0600 or stricter). Read again whenever
 * the file changes, so a rotated secret applies at once; its content never appears in a message.
 */
public final class SecretFile {

    /** The file is missing, open to others, empty or unreadable; the message names the file, never its content. */
    public static final class SecretFileException extends Exception {
        private static final long serialVersionUID = 1L;

        SecretFileException(String message) {
            super(message);
        }
    }

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;
    private final String what;
    private final String howToCreate;
    private volatile Cached cached;

    private record Cached(FileTime modified, long size, Set<PosixFilePermission> perms, String value) {
    }

    /**
     * @param what what the secret is, for messages ("the webhook secret")
     * @param howToCreate a command that creates the file, for messages
     */
    public SecretFile(Path file, String what, String howToCreate) {
        this.file = file;
        this.what = what;
        this.howToCreate = howToCreate;
    }

    public Path path() {
        return file;
    }

    /** The secret, one line without surrounding white space. */
    public String read() throws SecretFileException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Cached c = cached;
            if (c != null && c.modified().equals(modified) && c.size() == size && c.perms().equals(perms)) {
                return c.value();
            }
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new SecretFileException(what + " file " + file + " is open to other users (mode " + mode(perms) + "); run: chmod 600 " + file);
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                throw new SecretFileException(what + " file " + file + " must hold exactly one line without spaces; " + howToCreate);
            }
            cached = new Cached(modified, size, perms, value);
            return value;
        } catch (NoSuchFileException e) {
            throw new SecretFileException(what + " file " + file + " does not exist; " + howToCreate);
        } catch (UnsupportedOperationException e) {
            throw new SecretFileException("cannot check the permissions of " + what + " file " + file + " (not a POSIX file system)");
        } catch (IOException e) {
            throw new SecretFileException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }

    static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}

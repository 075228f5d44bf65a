package org.veilor.headscale.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.veilor.headscale.HeadscaleException;

/**
 * The Headscale API key, read from its file on every use (so a rotated key applies at once) and never
 * kept in configuration, messages or logs. The file must be readable by its owner only.
 */
final class ApiKeyFile {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;

    ApiKeyFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * @throws HeadscaleException {@code LOCAL_SETUP} naming the file (never its content) when it is
     *         missing, open to others, empty or not one line
     */
    String read() throws HeadscaleException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw setup("the API key file " + file + " is open to other users (mode " + mode(perms)
                        + "); run: chmod 600 " + file);
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw setup("the API key file " + file + " must hold exactly one API key (from 'headscale apikeys create')");
            }
            return key;
        } catch (NoSuchFileException e) {
            throw setup("the API key file " + file + " does not exist; create it with: headscale apikeys create --expiration 90d > "
                    + file + " && chmod 600 " + file);
        } catch (UnsupportedOperationException e) {
            throw setup("cannot check the permissions of the API key file " + file + " (not a POSIX file system)");
        } catch (IOException e) {
            throw setup("cannot read the API key file " + file + ": " + e.getMessage());
        }
    }

    private static HeadscaleException setup(String message) {
        return new HeadscaleException(HeadscaleException.Kind.LOCAL_SETUP, message);
    }

    private static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}

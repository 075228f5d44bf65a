package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where {@code mesh:join} takes the key from besides its argument: a key file (what the
 * first-boot script hands over) or a picture of the QR code. Both are paths given by the caller
 * on this machine, read as they are.
 */
public final class KeySources {

    private static final long MAX_IMAGE_BYTES = 32L << 20;

    private KeySources() {
    }

    /**
     * Reads a key file. Like ssh with its keys, a file others can read is refused: the key would
     * already have leaked.
     */
    public static AuthKey fromFile(String pathText) throws IOException {
        Path path = absolute(pathText, "--key-file");
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(path);
        } catch (NoSuchFileException e) {
            throw new IOException("--key-file " + path + ": no such file");
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IOException("--key-file " + path + " can be read by other users; make it owner-only (chmod 600)"
                    + " and get a new key if others could have read it");
        }
        if (Files.size(path) > 4096) {
            throw new IOException("--key-file " + path + " is too big to hold a pre-auth key");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        try {
            return AuthKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--key-file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the key from a PNG or JPEG picture of the enrolment page's QR code. */
    public static AuthKey fromQrImage(String pathText) throws IOException {
        Path path = absolute(pathText, "--qr");
        if (!Files.isRegularFile(path)) {
            throw new IOException("--qr " + path + ": no such image file");
        }
        if (Files.size(path) > MAX_IMAGE_BYTES) {
            throw new IOException("--qr " + path + " is larger than 32 MiB: not a camera picture");
        }
        return QrKey.read(Files.readAllBytes(path), "--qr " + path);
    }

    private static Path absolute(String text, String option) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + " needs a path");
        }
        Path p = Path.of(text.strip());
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(option + " needs an absolute path on the agent's machine, not '" + text + "'");
        }
        return p.normalize();
    }
}

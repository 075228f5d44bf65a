package org.veilor.headscale.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.internal.TierPolicyService;

/** What the headscale commands share: the "not configured" message, date format, file writing. */
final class Commands {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String HOW = "set serverUrl, apiKeyFile and the tier model in etc/org.veilor.headscale.cfg "
            + "(config:meta org.veilor.headscale lists them); veilor:status shows why a component is not active";

    private Commands() {
    }

    static HeadscaleClient client(HeadscaleClient client) {
        if (client == null) {
            throw new IllegalStateException("the Headscale client is not configured: " + HOW);
        }
        return client;
    }

    static TierPolicyService tier(TierPolicyService tier) {
        if (tier == null) {
            throw new IllegalStateException("the Headscale tier model is not configured: " + HOW);
        }
        return tier;
    }

    static String date(Instant t) {
        return t == null ? "" : t.isBefore(Instant.parse("0002-01-01T00:00:00Z")) ? "(none)" : DATE.format(t);
    }

    /** {@code 120 s}, or {@code 0.4 s} below a whole second. */
    static String duration(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * Writes a file atomically (temp file in the same folder, then rename) with the given mode, the
     * temp file created with that mode so the content is never readable by others on the way.
     */
    static void write(Path file, byte[] content, String mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void write(Path file, String content, String mode) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8), mode);
    }
}

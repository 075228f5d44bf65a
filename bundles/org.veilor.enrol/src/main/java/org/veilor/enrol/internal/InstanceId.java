package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This instance's stable name for enrolment leases, kept in its data folder: after a restart the
 * instance recognises the leases its previous run held and resumes that work at once, while other
 * instances sharing the database wait for those leases to run out.
 */
final class InstanceId {

    private InstanceId() {
    }

    static String of(Path dataDir) throws IOException {
        Path file = dataDir.resolve("veilor").resolve("enrol").resolve("instance-id");
        // Kept from an earlier run if it exists; never seen empty (ExclusiveFile).
        ExclusiveFile.create(file, ("enrol-" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8));
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}

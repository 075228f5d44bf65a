package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
        Files.createDirectories(file.getParent());
        try {
            Files.writeString(file, "enrol-" + UUID.randomUUID() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            // kept from an earlier run
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}

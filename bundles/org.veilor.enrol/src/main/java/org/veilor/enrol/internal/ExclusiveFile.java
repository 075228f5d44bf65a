package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates a file that must not exist yet, whole or not at all. Creating the name first and writing
 * after (CREATE_NEW, then write) lets a reader — another activation, the next start after a crash —
 * find the name empty: an empty at-rest key then fails every seal until someone deletes it. Here the
 * content is written and synced under a temporary name, then linked to the real name, which
 * {@code link(2)} refuses to do if the name exists: never replaced, never seen part-written.
 */
final class ExclusiveFile {

    private ExclusiveFile() {
    }

    /** Creates {@code file} (owner-only) with {@code content} unless it exists; whether it did. */
    static boolean create(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // created meanwhile by another activation: theirs stays
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

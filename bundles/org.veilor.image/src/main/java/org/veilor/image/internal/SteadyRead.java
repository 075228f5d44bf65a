package org.veilor.image.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.veilor.core.Folders;

/**
 * Reads a file that something else may be writing (a bundle being dropped into a running instance's
 * {@code deploy/}): the bytes are kept only when the file's size, modification time and identity are
 * the same before and after the read and the read returned exactly that size. A tar entry's header
 * carries the size before its content, so a file must be steady before anything of it is written.
 */
final class SteadyRead {

    /** Files up to this size are held in memory; bigger ones are copied beside the archive first. */
    static final long IN_MEMORY = 32L << 20;
    static final int ATTEMPTS = 20;

    /** A steady copy of one file: in memory, or in a temporary file deleted on close. */
    interface Content extends AutoCloseable {
        long size();

        InputStream open() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A step that may fail with an I/O error. */
    interface IoAction {
        void run() throws IOException;
    }

    private SteadyRead() {
    }

    /**
     * Returns the file's steady content, empty when it went away; {@code spill} is where a big file is
     * copied. Throws when the file kept changing through every attempt, naming it.
     */
    static Optional<Content> read(Path file, Path spill) throws IOException {
        return read(file, spill, IN_MEMORY, () -> { });
    }

    /** As {@link #read(Path, Path)}; {@code whileReading} runs between the first look and the read (tests write there). */
    static Optional<Content> read(Path file, Path spill, long inMemory, IoAction whileReading) throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<BasicFileAttributes> before = Folders.attributes(file);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            long size = before.get().size();
            whileReading.run();
            Optional<Content> content = Folders.ifPresent(file,
                    f -> size <= inMemory ? inMemory(Files.readAllBytes(f)) : spilled(f, spill));
            if (content.isEmpty()) {
                return Optional.empty();
            }
            Optional<BasicFileAttributes> after = Folders.attributes(file);
            if (after.isPresent() && same(before.get(), after.get()) && content.get().size() == size) {
                return content;
            }
            content.get().close(); // a copy set aside goes too
            if (after.isEmpty()) {
                return Optional.empty();
            }
            pause(attempt);
        }
        throw new IOException(file + " kept changing while it was read (" + ATTEMPTS
                + " attempts): stop what writes it, then pack again");
    }

    private static boolean same(BasicFileAttributes a, BasicFileAttributes b) {
        return a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime())
                && Objects.equals(a.fileKey(), b.fileKey());
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(Math.min(200, 5L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a file to settle", e);
        }
    }

    private static Content inMemory(byte[] bytes) {
        return new Content() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public void close() {
            }
        };
    }

    private static Content spilled(Path file, Path spill) throws IOException {
        Files.createDirectories(spill.getParent());
        long size;
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = Files.newOutputStream(spill)) {
            size = in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(spill);
            throw e;
        }
        return new Content() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(spill);
            }

            @Override
            public void close() throws IOException {
                Files.deleteIfExists(spill);
            }
        };
    }
}

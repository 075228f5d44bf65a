package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written while it is packed: the CI failure on record was a file dropped into deploy/ that
 * was empty when its size was taken and 8 bytes long when it was read, which broke the whole pack.
 * Each case here writes in exactly that window, every time.
 */
class SteadyReadTest {

    @TempDir
    Path dir;

    private static byte[] bytes(SteadyRead.Content c) throws IOException {
        try (InputStream in = c.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFileWrittenBetweenItsSizeAndItsReadIsReadAgainOnceSteady() throws IOException {
        Path f = Files.createFile(dir.resolve("dropped.jar")); // empty, as a copy starts
        AtomicInteger looks = new AtomicInteger();
        Optional<SteadyRead.Content> read = SteadyRead.read(f, dir.resolve("spill"), SteadyRead.IN_MEMORY, () -> {
            if (looks.getAndIncrement() == 0) {
                Files.writeString(f, "churn 14");
            }
        });
        assertTrue(read.isPresent());
        assertEquals(8, read.get().size());
        assertArrayEquals("churn 14".getBytes(StandardCharsets.UTF_8), bytes(read.get()));
        assertEquals(2, looks.get(), "read a second time");
    }

    @Test
    void aFileThatNeverSettlesFailsNamingItAndAFileThatWentIsLeftOut() throws IOException {
        Path f = Files.writeString(dir.resolve("log.txt"), "start\n");
        IOException e = assertThrows(IOException.class, () -> SteadyRead.read(f, dir.resolve("spill"), SteadyRead.IN_MEMORY,
                () -> Files.writeString(f, "more\n", StandardOpenOption.APPEND)));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("kept changing"), e.getMessage());

        Path gone = Files.writeString(dir.resolve("gone.jar"), "x");
        assertFalse(SteadyRead.read(gone, dir.resolve("spill"), SteadyRead.IN_MEMORY, () -> Files.delete(gone)).isPresent());
    }

    @Test
    void aBigFileIsCopiedAsideAndTheCopyGoesWhenDone() throws IOException {
        byte[] content = new byte[100_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path f = Files.write(dir.resolve("big.jar"), content);
        Path spill = dir.resolve("out/veilor.tar.gz.file");
        AtomicInteger looks = new AtomicInteger();
        SteadyRead.Content c = SteadyRead.read(f, spill, 1024, () -> {
            if (looks.getAndIncrement() == 0) {
                Files.write(f, new byte[10], StandardOpenOption.APPEND); // grows while copied: read again
            }
        }).orElseThrow();
        assertTrue(Files.exists(spill));
        assertEquals(100_010, c.size());
        assertArrayEquals(Files.readAllBytes(f), bytes(c));
        c.close();
        assertFalse(Files.exists(spill), "the copy is removed once packed");
    }
}

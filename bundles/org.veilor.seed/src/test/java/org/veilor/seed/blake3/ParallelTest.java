package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads give the one-thread result, in memory and from files, in every mode. */
class ParallelTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(3);
    private static final int MIB = 1 << 20;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void parallelEqualsSequentialInMemory() {
        Random r = new Random(21);
        byte[] in = new byte[9 * MIB + 12345];
        r.nextBytes(in);
        byte[] key = new byte[32];
        r.nextBytes(key);
        Blake3 par = Blake3.standard().parallel(POOL);
        for (int len : new int[] { 0, 1, 2 * MIB - 1, 2 * MIB, 2 * MIB + 1, 4 * MIB + 1024, 9 * MIB + 12345 }) {
            assertEquals(Blake3.standard().hash(in, 0, len), par.hash(in, 0, len), "hash of " + len);
            assertEquals(Blake3.scalar().hash(in, 0, len), par.hash(in, 0, len), "vs scalar, " + len);
        }
        assertEquals(Blake3.standard().keyedHash(key, in), par.keyedHash(key, in));
        // An update that starts mid-chunk, then one that crosses many segments.
        assertEquals(Blake3.standard().hash(in),
                par.newHasher().update(in, 0, 777).update(in, 777, in.length - 777).finalizeHash());
    }

    @Test
    void theDefaultPoolHasAThreadPerCore() {
        Blake3 par = Blake3.standard().parallel();
        assertEquals(true, par.implementation().endsWith(", " + Runtime.getRuntime().availableProcessors() + " threads"),
                par.implementation());
        byte[] in = new byte[5 * MIB + 3];
        new Random(23).nextBytes(in);
        assertEquals(Blake3.standard().hash(in), par.hash(in));
    }

    @Test
    void filesHashAsTheirBytesWithAndWithoutThreads(@TempDir Path dir) throws IOException {
        Random r = new Random(22);
        for (int len : new int[] { 0, 5, 16 * 1024 + 1, MIB, 2 * MIB, 6 * MIB + 777 }) {
            byte[] in = new byte[len];
            r.nextBytes(in);
            Path f = Files.write(dir.resolve("f" + len), in);
            Blake3Hash expected = Blake3.scalar().hash(in);
            assertEquals(expected, Blake3.standard().hash(f), "file of " + len);
            assertEquals(expected, Blake3.standard().parallel(POOL).hash(f), "file of " + len + ", threads");
        }
    }

    @Test
    void aFileShorterThanPromisedIsAnError(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("short"), new byte[3 * MIB]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            IOException e = assertThrows(EOFException.class,
                    () -> Blake3.standard().parallel(POOL).hash(ch, 5L * MIB));
            assertEquals(true, e.getMessage().contains("shrank"), e.getMessage());
        }
    }
}

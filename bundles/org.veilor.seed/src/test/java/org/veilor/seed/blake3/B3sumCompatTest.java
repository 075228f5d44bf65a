package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * Random files hash as Debian's {@code b3sum} (the Rust reference implementation, installed by
 * scripts/test-setup.sh) says, in plain, keyed and key-derivation modes and at long output lengths.
 */
class B3sumCompatTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    private static LocalHost host;

    @TempDir
    static Path dir;

    @BeforeAll
    static void host() throws IOException {
        host = new LocalHost(dir.resolve("host"), List.of(Path.of("/usr/bin"), Path.of("/bin")));
        assertTrue(host.which("b3sum").isPresent(), "b3sum is missing: run scripts/test-setup.sh (Debian package b3sum)");
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    static String b3sum(byte[] stdin, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("b3sum", "--no-names"));
        argv.addAll(List.of(args));
        ProcessSpec.Builder spec = ProcessSpec.of(argv).timeout(Duration.ofMinutes(2));
        if (stdin != null) {
            spec.stdin(stdin);
        }
        ProcessResult r = host.run(spec.build()).orThrow();
        return r.stdout().strip();
    }

    @Test
    void randomFilesHashLikeB3sum() throws IOException {
        Random r = new Random(31);
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, 1024, 1025, 16384, 16385));
        for (int i = 0; i < 14; i++) {
            sizes.add(r.nextInt(i < 10 ? 200_000 : 7_000_000));
        }
        for (int size : sizes) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            Path f = Files.write(dir.resolve("random-" + size), data);
            String expected = b3sum(null, "--num-threads", "1", f.toString());
            assertEquals(expected, Blake3.standard().hash(f).toHex(), "file of " + size + " bytes");
            assertEquals(expected, Blake3.standard().parallel(POOL).hash(f).toHex(), "threads, " + size);
            assertEquals(expected, Blake3.scalar().hash(data).toHex(), "scalar, " + size);
        }
    }

    @Test
    void keyedDerivedAndLongOutputsLikeB3sum() throws IOException {
        Random r = new Random(32);
        byte[] key = new byte[32];
        r.nextBytes(key);
        for (int size : new int[] { 0, 777, 70_000, 3_000_001 }) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            Path f = Files.write(dir.resolve("modes-" + size), data);
            assertEquals(b3sum(key, "--keyed", f.toString()), Blake3.standard().keyedHash(key, data).toHex(), "keyed");
            assertEquals(b3sum(null, "--derive-key", "veilor 2026 test context", f.toString()),
                    HexFormat.of().formatHex(Blake3.standard().deriveKey("veilor 2026 test context", data, 32)));
            assertEquals(b3sum(null, "-l", "1000", f.toString()),
                    HexFormat.of().formatHex(Blake3.standard().newHasher().update(data).finalizeBytes(1000)), "1000 bytes");
        }
    }
}

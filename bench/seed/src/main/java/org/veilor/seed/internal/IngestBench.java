package org.veilor.seed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.veilor.seed.blake3.Blake3;

/**
 * Ingest of many small files (what the watcher does for each stable file: BLAKE3 with the outboard
 * written to the store, the index row, a signed announcement) against the baseline "raw hashing":
 * reading each of the same files and hashing it with the same BLAKE3, nothing else.
 */
final class IngestBench {

    private final Path work;
    private final int files;
    private final int maxKib;
    private final List<Path> made = new ArrayList<>();
    private long bytes;

    IngestBench(Path work, int files, int maxKib) {
        this.work = work;
        this.files = files;
        this.maxKib = maxKib;
    }

    /** Writes the files once (sizes 1 KiB to maxKib KiB, fixed seed), under the origin's watched folder. */
    void prepare() throws IOException {
        Path media = Files.createDirectories(work.resolve("origin/srv/media"));
        Random r = new Random(42);
        byte[] buf = new byte[maxKib << 10];
        for (int i = 0; i < files; i++) {
            int size = (1 + r.nextInt(maxKib)) << 10;
            r.nextBytes(buf);
            Path f = Files.createDirectories(media.resolve(String.format("d%03d", i / 100))).resolve(String.format("f%05d.bin", i));
            Files.write(f, java.util.Arrays.copyOf(buf, size));
            made.add(f);
            bytes += size;
            if ((i + 1) % 2000 == 0) {
                System.out.printf("  %d of %d files written%n", i + 1, files);
            }
        }
    }

    long bytes() {
        return bytes;
    }

    /** The baseline: read and hash every file. */
    void rawHash() throws IOException {
        Blake3 b = Blake3.standard();
        for (Path f : made) {
            b.hash(Files.readAllBytes(f));
        }
    }

    /** One ingest of every file into a fresh node (fresh store and database each run). */
    void ingest(int run) throws Exception {
        Path root = work.resolve("origin");
        deleteTree(root.resolve("store"));
        try (BenchNode n = new BenchNode(root, "ingest-" + run + "-" + System.nanoTime(), BenchNode.freePort(), Map.of(), null,
                null)) {
            ServiceSettings s = ServiceSettings.validate("org.veilor.seed.service~media",
                    BenchNode.ocd(ServiceConfig.class, Map.of("name", "media", "watchedFolder", "/srv/media")), n.host);
            Path media = root.resolve("srv/media");
            for (Path f : made) {
                n.node.ingest(s, media.relativize(f).toString(), f);
            }
            if (n.node.index().allNames().size() != made.size()) {
                throw new IllegalStateException("ingest lost files: " + n.node.index().allNames().size() + " of " + made.size());
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}

package org.veilor.bench.blake3;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessSpec;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Outboard;
import org.veilor.seed.blake3.RangeDecoder;

/**
 * Throughput of org.veilor.seed's BLAKE3 on one file, against b3sum and commons-codec, all in this
 * one process (b3sum in a child). Every case runs once to warm up, then {@code --runs} rounds
 * time each case once (see {@link Timer}); MB/s is 10^6 bytes per second of wall time; the ratios
 * compare best runs.
 */
public final class Blake3Bench {

    private Blake3Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path file = o.file != null ? o.file : Path.of("bench/blake3/target/blake3-" + o.sizeMib + "MiB.bin");
        if (!Files.exists(file)) {
            makeFile(file, (long) o.sizeMib << 20);
        }
        long size = Files.size(file);
        ForkJoinPool pool = new ForkJoinPool(o.threads);
        Blake3 vector = Blake3.standard();
        Blake3 parallel = vector.parallel(pool);
        LocalHost host = new LocalHost(Files.createTempDirectory("blake3-bench"),
                List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/local/bin")));
        Blake3Hash expected = vector.hash(file);

        System.out.printf("BLAKE3 benchmark, %s%n", OffsetDateTime.now().withNano(0));
        System.out.printf("file %s, %d bytes; %d rounds after one warm-up; %d cores, load average %s%n", file, size,
                o.runs, Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("java %s; veilor kernel: %s%n%n", System.getProperty("java.vm.version"),
                vector.implementation());

        Path ob = file.resolveSibling(file.getFileName() + ".obao");
        Path encoded = file.resolveSibling(file.getFileName() + ".bao");
        Outboard outboard = outboard(vector, file, ob, expected);
        try (FileChannel data = FileChannel.open(file); OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(encoded), 1 << 20)) {
            outboard.encodeRange(data, 0, size, out);
        }
        Timer t = new Timer(size, o.runs);
        t.add("b3sum --num-threads 1", () -> b3sum(host, file, expected, "1"));
        t.add("b3sum (all threads)", () -> b3sum(host, file, expected, "0"));
        // read() instead of mmap: b3sum's fastest one-thread path (no page faults; also no threads)
        t.add("b3sum --no-mmap (1 thread)", () -> b3sum(host, file, expected, "--no-mmap"));
        t.add("commons-codec Blake3 1.23.0, 1 thread", () -> codec(file, size, expected));
        t.add("veilor " + shortName(vector) + ", 1 thread", () -> check(vector.hash(file), expected));
        t.add("veilor scalar, 1 thread", () -> check(Blake3.scalar().hash(file), expected));
        t.add("veilor " + shortName(vector) + ", " + o.threads + " threads", () -> check(parallel.hash(file), expected));
        t.add("outboard build, 1 thread", () -> outboard(vector, file, ob, expected));
        t.add("outboard build, " + o.threads + " threads", () -> outboard(parallel, file, ob, expected));
        t.add("verify whole blob (decode), 1 thread", () -> decode(vector, encoded, outboard, size));
        List<Timer.Result> rows = t.run();
        Files.deleteIfExists(encoded);
        Timer.Result b3sum1 = rows.get(0);
        Timer.Result codec = rows.get(3);

        System.out.printf("%n%-44s %10s %10s %12s %14s%n", "case", "best MB/s", "median", "vs b3sum-1t", "vs codec");
        for (Timer.Result r : rows) {
            System.out.printf("%-44s %10.0f %10.0f %11.2fx %13.2fx%n", r.name(), r.bestMbps(), r.medianMbps(),
                    r.bestMbps() / b3sum1.bestMbps(), r.bestMbps() / codec.bestMbps());
        }
        pool.shutdown();
    }

    private static String shortName(Blake3 engine) {
        return engine.isVectorized() ? "vector" : "scalar (no Vector API)";
    }

    private static void check(Blake3Hash got, Blake3Hash expected) {
        if (!got.equals(expected)) {
            throw new IllegalStateException("wrong hash " + got + ", expected " + expected);
        }
    }

    /** b3sum with {@code --num-threads N}, or with the given flag when it is not a number. */
    private static void b3sum(LocalHost host, Path file, Blake3Hash expected, String threadsOrFlag) throws IOException {
        List<String> argv = new ArrayList<>(List.of("b3sum", "--no-names"));
        argv.addAll(threadsOrFlag.startsWith("--") ? List.of(threadsOrFlag) : List.of("--num-threads", threadsOrFlag));
        argv.add(file.toString());
        String out = host.run(ProcessSpec.of(argv).timeout(Duration.ofMinutes(5)).build()).orThrow().stdout().strip();
        check(Blake3Hash.parse(out), expected);
    }

    private static void codec(Path file, long size, Blake3Hash expected) throws IOException {
        org.apache.commons.codec.digest.Blake3 h = org.apache.commons.codec.digest.Blake3.initHash();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                h.update(buf, 0, n);
            }
        }
        check(Blake3Hash.of(h.doFinalize(32)), expected);
    }

    private static Outboard outboard(Blake3 engine, Path file, Path ob, Blake3Hash expected) throws IOException {
        try (FileChannel in = FileChannel.open(file); FileChannel out = FileChannel.open(ob, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Outboard o = Outboard.create(engine, in, Files.size(file), out);
            check(o.root(), expected);
            return Outboard.of(o.root(), o.blobSize(), Files.readAllBytes(ob));
        }
    }

    private static void decode(Blake3 engine, Path encoded, Outboard outboard, long size) throws IOException {
        long[] got = { 0 };
        try (InputStream in = new BufferedInputStream(Files.newInputStream(encoded), 1 << 20)) {
            new RangeDecoder(engine, outboard.root()).decode(0, size, in, (offset, b, off, len) -> got[0] += len);
        }
        if (got[0] != size) {
            throw new IllegalStateException("verified " + got[0] + " of " + size + " bytes");
        }
    }

    private static void makeFile(Path file, long size) throws IOException {
        System.out.printf("bench: writing %d random bytes to %s%n", size, file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random r = new Random(2026);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; done += buf.length) {
                r.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, size - done));
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
